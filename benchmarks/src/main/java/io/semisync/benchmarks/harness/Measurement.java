package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.LoadResult;
import io.semisync.sources.Flavor;

/**
 * One point measured in one round.
 *
 * @param noTxDelta  how much the source's {@code no_tx} (commits without a semisync ACK) rose during the measurement
 */
record Measurement(Flavor flavor, Point point, int round, LoadResult load, long noTxDelta)
{
}

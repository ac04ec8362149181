package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;

/**
 * One round of the catch-up benchmark against one flavor: ours, the flavor's binlog client and, if given, our baseline
 * build on the same binlog.
 *
 * @param bytes     the source's binlog, all of which each side stored
 * @param baseline  our replica's baseline build, null when none was measured
 */
record CatchUpRound(Flavor flavor, int round, long bytes, OurCatchUp.Times ours, RawBinlogDownload.Times theirs, OurCatchUp.Times baseline)
{
}

package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.LoadResult;

/**
 * One point of {@code bench} measured in one round.
 *
 * @param source      what the source's own counters say of the measured interval
 * @param ours        what our replica counted in the measured interval
 * @param ackLatency  our replica's ACK latency over its whole life, as it printed it when stopped
 */
record BenchMeasurement(BenchConfiguration configuration, int clients, int round, LoadResult load, SourceView source, OurReplicaCounts ours,
    AckLatencyBreakdown ackLatency)
{
    /** ACKs per transaction our replica sent; NaN while the source's semisync is off. */
    double acksPerTransaction()
    {
        return configuration.semisync() ? ours.acksPerTransaction() : Double.NaN;
    }
}

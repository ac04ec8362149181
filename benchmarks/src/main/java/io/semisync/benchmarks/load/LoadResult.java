package io.semisync.benchmarks.load;

import org.HdrHistogram.Histogram;

/**
 * What a {@link CommitLoad} run measured.
 *
 * @param clients       client threads
 * @param latency       commit latency in nanoseconds
 * @param elapsedNanos  wall time of the run
 */
public record LoadResult(int clients, Histogram latency, long elapsedNanos)
{
    public long commits()
    {
        return latency.getTotalCount();
    }

    public double commitsPerSecond()
    {
        return commits() * 1e9 / elapsedNanos;
    }

    public double p50Millis()
    {
        return latency.getValueAtPercentile(50) / 1e6;
    }

    public double p99Millis()
    {
        return latency.getValueAtPercentile(99) / 1e6;
    }
}

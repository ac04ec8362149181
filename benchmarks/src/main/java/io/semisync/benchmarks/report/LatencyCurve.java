package io.semisync.benchmarks.report;

import org.HdrHistogram.Histogram;

/**
 * One configuration's commit latency for a CDF.
 *
 * @param label  the configuration, as the legend names it
 * @param nanos  commit latencies in nanoseconds
 */
public record LatencyCurve(String label, Histogram nanos)
{
}

package io.semisync.benchmarks.harness;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of a figure over rounds (the mean of the middle two for an even count). */
final class Median
{
    private Median()
    {
    }

    static <T> double of(final List<T> values, final ToDoubleFunction<T> figure)
    {
        final double[] sorted = values.stream().mapToDouble(figure).sorted().toArray();
        if (sorted.length == 0)
        {
            throw new IllegalArgumentException("no values");
        }
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

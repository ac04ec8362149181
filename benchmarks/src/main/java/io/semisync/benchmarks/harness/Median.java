package io.semisync.benchmarks.harness;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The median of a figure over rounds (the mean of the middle two for an even count). */
final class Median
{
    private Median()
    {
    }

    /** The median of a figure over the values that have it (not NaN) as {@code pattern} formats it, or {@code n/a} where none has. */
    static <T> String text(final List<T> values, final ToDoubleFunction<T> figure, final String pattern)
    {
        final List<T> known = values.stream().filter(value -> !Double.isNaN(figure.applyAsDouble(value))).toList();
        return known.isEmpty() ? "n/a" : String.format(Locale.ROOT, pattern, of(known, figure));
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

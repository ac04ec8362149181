package io.semisync.replica.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written with their unit, as {@code 2ms}, {@code 1.5ms}, {@code 500us}, {@code 1s} or {@code 0}. */
public final class DurationText
{
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)?");

    private DurationText()
    {
    }

    /** The duration the text names; a number without a unit must be 0. */
    public static Duration parse(final String text)
    {
        final Matcher matcher = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || matcher.group(2) == null && new BigDecimal(matcher.group(1)).signum() != 0)
        {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit, as 2ms, 1.5ms, 500us or 1s");
        }
        final long nanosPerUnit = switch (matcher.group(2) == null ? "ns" : matcher.group(2))
        {
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> 1L;
        };
        return Duration.ofNanos(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
    }

    /** The duration in the largest unit that keeps it whole: {@code 2ms}, {@code 1500us}, {@code 0}. */
    public static String format(final Duration duration)
    {
        final long nanos = duration.toNanos();
        if (nanos == 0)
        {
            return "0";
        }
        if (nanos % 1_000_000_000L == 0)
        {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0)
        {
            return nanos / 1_000_000L + "ms";
        }
        return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
    }
}

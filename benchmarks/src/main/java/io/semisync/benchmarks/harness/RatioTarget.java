package io.semisync.benchmarks.harness;

import java.util.List;
import java.util.Optional;

/**
 * What the source's commits/s with our replica (1) should reach relative to a native configuration at a client count
 * (issue 12): at least 0.85 times (1 client) and as much as (8 clients) the native replica at its default, non-durable
 * {@code sync_relay_log}, and at least twice the durable native replica at 8 clients.
 */
record RatioTarget(Configuration baseline, int clients, double minimum)
{
    static final List<RatioTarget> ALL = List.of(
        new RatioTarget(Configuration.NATIVE_DURABLE, 8, 2.0),
        new RatioTarget(Configuration.NATIVE_DEFAULT, 1, 0.85),
        new RatioTarget(Configuration.NATIVE_DEFAULT, 8, 1.0));

    static Optional<RatioTarget> of(final Configuration ours, final Configuration baseline, final int clients)
    {
        return ours != Configuration.OURS ? Optional.empty()
            : ALL.stream().filter(target -> target.baseline == baseline && target.clients == clients).findFirst();
    }

    boolean metBy(final double ratio)
    {
        return ratio >= minimum;
    }
}

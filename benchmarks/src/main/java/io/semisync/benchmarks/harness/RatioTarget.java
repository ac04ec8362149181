package io.semisync.benchmarks.harness;

import java.util.List;
import java.util.Optional;

/**
 * What our commits/s should reach relative to a native configuration at a client count (issue 6): at least
 * twice (1 client) and four times (8 clients) the durable native replica, and at least 0.9 times (1 client) and
 * as much as (8 clients) the native replica at its default, non-durable {@code sync_relay_log}.
 */
record RatioTarget(Configuration baseline, int clients, double minimum)
{
    static final List<RatioTarget> ALL = List.of(
        new RatioTarget(Configuration.NATIVE_DURABLE, 1, 2.0),
        new RatioTarget(Configuration.NATIVE_DURABLE, 8, 4.0),
        new RatioTarget(Configuration.NATIVE_DEFAULT, 1, 0.9),
        new RatioTarget(Configuration.NATIVE_DEFAULT, 8, 1.0));

    static Optional<RatioTarget> of(final Configuration baseline, final int clients)
    {
        return ALL.stream().filter(target -> target.baseline == baseline && target.clients == clients).findFirst();
    }

    boolean metBy(final double ratio)
    {
        return ratio >= minimum;
    }
}

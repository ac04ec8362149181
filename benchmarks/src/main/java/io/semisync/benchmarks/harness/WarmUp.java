package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The unmeasured load before a point: one slice after another at {@link HarnessSettings#WARMUP_CLIENTS} clients until
 * the replica's JIT compilers stayed quiet through a slice, for at most {@link #LIMIT}. A replica runs for days, so what
 * it costs a source is what it costs once compiled; on two cores its compilers' first seconds would otherwise be taken
 * from the source in the measured interval. A replica without a JIT (MySQL's, MariaDB's) is warm after one slice.
 */
final class WarmUp
{
    /** The longest warm-up, whatever the compilers do. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    /** Quiet: the compiler threads took at most this share of one core in a slice. */
    private static final double QUIET_SHARE = 0.05;

    private WarmUp()
    {
    }

    /** Runs the warm-up and returns how long it took. */
    static Duration run(final CommitLoad load, final Duration slice, final OptionalLong replicaPid)
    {
        final long start = System.nanoTime();
        final double quietTicks = QUIET_SHARE * CpuSnapshot.TICKS_PER_SECOND * slice.toNanos() / 1e9;
        long compiled = CpuSnapshot.compilerTicks(replicaPid);
        boolean quiet;
        do
        {
            load.run(HarnessSettings.WARMUP_CLIENTS, slice, Long.MAX_VALUE);
            final long now = CpuSnapshot.compilerTicks(replicaPid);
            quiet = now - compiled <= quietTicks;
            compiled = now;
        }
        while (!quiet && System.nanoTime() - start < LIMIT.toNanos());
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

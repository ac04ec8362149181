package io.semisync.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time so far, from Linux's {@code /proc}, in clock ticks: the whole machine's (busy, all, and stolen by the
 * hypervisor) and that of the replica's and the source's processes (all their threads, user and system), or
 * {@link #UNKNOWN} for a process that is not on this machine or has gone. On two shared cores what the replica spends
 * the source cannot, so a point's CPU per transaction shows what a replica costs beside its ACK latency.
 */
record CpuSnapshot(long machineBusy, long machineAll, long machineSteal, long replica, long source)
{
    static final long UNKNOWN = -1;

    /** Linux's USER_HZ, the unit of {@code /proc}'s CPU times: 100 on every architecture this runs on. */
    static final double TICKS_PER_SECOND = 100;
    private static final double MICROS_PER_TICK = 1e6 / TICKS_PER_SECOND;

    static CpuSnapshot take(final OptionalLong replicaPid, final OptionalLong sourcePid)
    {
        final long[] machine = machineTicks();
        final long busy = machine[0] + machine[1] + machine[2] + machine[5] + machine[6];
        return new CpuSnapshot(busy, Arrays.stream(machine, 0, 8).sum(), machine[7], processTicks(replicaPid), processTicks(sourcePid));
    }

    /** What was spent since {@code before}, per transaction where it is a process's. */
    CpuUse since(final CpuSnapshot before, final long transactions)
    {
        final double all = machineAll - before.machineAll;
        return new CpuUse((machineBusy - before.machineBusy) / all, (machineSteal - before.machineSteal) / all,
            perTransaction(replica, before.replica, transactions), perTransaction(source, before.source, transactions));
    }

    private static double perTransaction(final long after, final long before, final long transactions)
    {
        return after == UNKNOWN || before == UNKNOWN || transactions == 0 ? Double.NaN : (after - before) * MICROS_PER_TICK / transactions;
    }

    /** The first line of {@code /proc/stat}: user, nice, system, idle, iowait, irq, softirq, steal (and guest time, in user). */
    private static long[] machineTicks()
    {
        try
        {
            final String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Arrays.stream(fields, 1, 9).mapToLong(Long::parseLong).toArray();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read /proc/stat (the harness measures CPU time on Linux): " + ex.getMessage(), ex);
        }
    }

    /** utime plus stime of the process's {@code /proc/<pid>/stat}. */
    private static long processTicks(final OptionalLong pid)
    {
        return pid.isEmpty() ? UNKNOWN : ticks(Path.of("/proc", Long.toString(pid.getAsLong()), "stat"));
    }

    /**
     * CPU ticks the process's JIT compiler threads (HotSpot's {@code C1 CompilerThread}s and {@code C2 CompilerThread}s)
     * have spent so far; 0 for a process without any, such as a MySQL server.
     */
    static long compilerTicks(final OptionalLong pid)
    {
        if (pid.isEmpty())
        {
            return 0;
        }
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid.getAsLong()), "task")))
        {
            return threads.filter(CpuSnapshot::isCompiler).mapToLong(thread -> Math.max(0, ticks(thread.resolve("stat")))).sum();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return 0;
        }
    }

    private static boolean isCompiler(final Path thread)
    {
        try
        {
            final String name = Files.readString(thread.resolve("comm"));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** utime plus stime of a {@code stat} file: the 14th and 15th fields, counted after the command's closing parenthesis. */
    private static long ticks(final Path stat)
    {
        return ticks(stat, 11);
    }

    /**
     * CPU ticks this JVM's child processes have spent, counted when they ended and were waited for ({@code cutime} plus
     * {@code cstime}): the difference over a child's run is that child's CPU.
     */
    static long childrenTicks()
    {
        return ticks(Path.of("/proc/self/stat"), 13);
    }

    /** The sum of two adjacent fields of a {@code stat} file, the first at {@code index} after the command. */
    private static long ticks(final Path stat, final int index)
    {
        try
        {
            final String line = Files.readString(stat);
            final String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[index]) + Long.parseLong(fields[index + 1]);
        }
        catch (final IOException ex)
        {
            return UNKNOWN;
        }
    }

    /**
     * One interval's CPU: the machine's busy and stolen shares (0 to 1 of all its cores' time) and the microseconds
     * of CPU the replica and the source spent per transaction (NaN where unknown).
     */
    record CpuUse(double busyShare, double stealShare, double replicaMicrosPerTransaction, double sourceMicrosPerTransaction)
    {
    }
}

package io.semisync.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The counters of the block device a directory is on, from Linux's {@code /sys/dev/block/<major>:<minor>/stat}: writes
 * and cache flushes completed, and milliseconds the device had any request in flight ({@code io_ticks}). The source's
 * binlog and redo log and a durable replica's syncs share one disk here, so its flushes per transaction and its busy
 * share show what a point asked of the disk; {@link #UNKNOWN} where the directory is on no block device (tmpfs).
 *
 * @param nanos   when the counters were read ({@link System#nanoTime()})
 */
record DiskSnapshot(long nanos, long writes, long flushes, long busyMillis)
{
    static final long UNKNOWN = -1;

    /** Fields of the stat file (Documentation/block/stat.rst): writes completed, io_ticks, flushes completed. */
    private static final int WRITES = 4;
    private static final int IO_TICKS = 9;
    private static final int FLUSHES = 15;

    static DiskSnapshot of(final Path directory)
    {
        final long nanos = System.nanoTime();
        try
        {
            final long device = (Long) Files.getAttribute(directory, "unix:dev");
            final Path stat = Path.of("/sys/dev/block", major(device) + ":" + minor(device), "stat");
            final String[] fields = Files.readString(stat).trim().split("\\s+");
            if (fields.length <= FLUSHES)
            {
                return new DiskSnapshot(nanos, UNKNOWN, UNKNOWN, UNKNOWN);
            }
            return new DiskSnapshot(nanos, Long.parseLong(fields[WRITES]), Long.parseLong(fields[FLUSHES]), Long.parseLong(fields[IO_TICKS]));
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return new DiskSnapshot(nanos, UNKNOWN, UNKNOWN, UNKNOWN);
        }
    }

    /** glibc's encoding of a {@code dev_t}. */
    static long major(final long device)
    {
        return ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
    }

    static long minor(final long device)
    {
        return (device & 0xff) | ((device >>> 12) & ~0xffL);
    }

    /** What the device did since {@code before}, per transaction where it is a count; NaN where unknown. */
    DiskUse since(final DiskSnapshot before, final long transactions)
    {
        if (flushes == UNKNOWN || before.flushes == UNKNOWN)
        {
            return new DiskUse(Double.NaN, Double.NaN, Double.NaN);
        }
        final double perTransaction = transactions == 0 ? Double.NaN : 1.0 / transactions;
        return new DiskUse((writes - before.writes) * perTransaction, (flushes - before.flushes) * perTransaction,
            (busyMillis - before.busyMillis) * 1e6 / (nanos - before.nanos));
    }

    /**
     * One interval's disk: writes and cache flushes completed per transaction, and the share of the interval (0 to 1)
     * with a request in flight.
     */
    record DiskUse(double writesPerTransaction, double flushesPerTransaction, double busyShare)
    {
    }
}

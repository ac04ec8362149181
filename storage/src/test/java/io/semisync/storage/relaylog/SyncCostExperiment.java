package io.semisync.storage.relaylog;

import io.semisync.storage.durability.FileForceDurabilityBarrier;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures the cost of one 200-byte append plus sync with Chronicle's msync ({@code SyncMode.SYNC} and
 * {@code appender.sync()}) against {@link FileForceDurabilityBarrier} (fdatasync). Interleaves the two in rounds
 * so that disk noise hits both alike. Not a unit test: run by hand, see storage/README.md.
 */
public final class SyncCostExperiment
{
    private static final int ROUNDS = 10;
    private static final int SYNCS_PER_ROUND = 200;
    private static final byte[] RECORD = new byte[200];

    private SyncCostExperiment()
    {
    }

    /**
     * @param args optional directory to measure in (default: a temporary directory under /tmp).
     */
    public static void main(final String[] args) throws Exception
    {
        final Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sync-cost");
        final long[] msync = new long[ROUNDS * SYNCS_PER_ROUND];
        final long[] fdatasync = new long[ROUNDS * SYNCS_PER_ROUND];
        try (SingleChronicleQueue msyncQueue = queue(base.resolve("msync"));
            ExcerptAppender msyncAppender = msyncQueue.createAppender();
            SingleChronicleQueue forceQueue = queue(base.resolve("fdatasync"));
            ExcerptAppender forceAppender = forceQueue.createAppender();
            FileForceDurabilityBarrier barrier =
                new FileForceDurabilityBarrier(forceAppender::currentFile, base.resolve("fdatasync")))
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                for (int i = 0; i < SYNCS_PER_ROUND; i++)
                {
                    final long start = System.nanoTime();
                    append(msyncAppender);
                    msyncAppender.sync();
                    msync[round * SYNCS_PER_ROUND + i] = System.nanoTime() - start;
                    if (msyncQueue.lastIndexMSynced() != msyncAppender.lastIndexAppended())
                    {
                        throw new IllegalStateException("msync did not happen: lastIndexMSynced " +
                            msyncQueue.lastIndexMSynced() + ", appended " + msyncAppender.lastIndexAppended());
                    }
                }
                for (int i = 0; i < SYNCS_PER_ROUND; i++)
                {
                    final long start = System.nanoTime();
                    append(forceAppender);
                    barrier.sync();
                    fdatasync[round * SYNCS_PER_ROUND + i] = System.nanoTime() - start;
                }
            }
        }
        System.out.println("directory " + base + " (" + Files.getFileStore(base).type() + "), " +
            ROUNDS * SYNCS_PER_ROUND + " appends of 200 bytes each");
        report("msync (SyncMode.SYNC, appender.sync())", msync);
        report("fdatasync (FileChannel.force(false))  ", fdatasync);
    }

    private static SingleChronicleQueue queue(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory).rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE)
            .syncMode(SyncMode.SYNC).build();
    }

    private static void append(final ExcerptAppender appender)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(RECORD);
        }
    }

    private static void report(final String name, final long[] nanos)
    {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        final double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf("%s mean %6.0f us  p50 %6d us  p90 %6d us  p99 %6d us%n", name, mean / 1000,
            sorted[sorted.length / 2] / 1000, sorted[sorted.length * 9 / 10] / 1000,
            sorted[sorted.length * 99 / 100] / 1000);
    }
}

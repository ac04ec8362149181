package io.semisync.storage.relaylog;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link RelayLogKillTest}: appends transactions of 1 to 5 events forever, syncing after each and
 * printing {@code SYNCED <transaction> <index>} once the sync returned; now and then it appends and syncs part of
 * the next transaction and discards it, as after a broken source connection. It resumes after the recovered position,
 * so transaction numbers continue across kills. With {@code hang} as second argument it instead appends one
 * transaction, then leaves a Chronicle excerpt half written and waits to be killed.
 */
public final class KillTestAppender
{
    private KillTestAppender()
    {
    }

    /**
     * @param args relay log directory, mode ({@code run} or {@code hang}), random seed.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Path directory = Path.of(args[0]);
        final boolean hang = args[1].equals("hang");
        final Random random = new Random(Long.parseLong(args[2]));
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final RecoveredPosition recovered = relayLog.recoveredPosition();
            long transaction = recovered.hasCommitPoint() ? recovered.endPosition() / 1000 + 1 : 1;
            System.out.println("READY " + transaction);
            System.out.flush();
            final EventMetadata metadata = new EventMetadata();
            while (true)
            {
                final long index = TestRelayLogs.appendTransaction(writer, metadata, transaction,
                    1 + random.nextInt(5), true);
                writer.sync();
                System.out.println("SYNCED " + transaction + " " + index);
                System.out.flush();
                if (random.nextInt(4) == 0)
                {
                    TestRelayLogs.appendTransaction(writer, metadata, transaction + 1, 1 + random.nextInt(3), false);
                    writer.sync();
                    writer.discardIncompleteTransaction();
                }
                if (hang)
                {
                    leaveHalfWrittenExcerpt(directory);
                }
                transaction++;
            }
        }
    }

    private static void leaveHalfWrittenExcerpt(final Path directory) throws InterruptedException
    {
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).blockSize(4L << 20).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().write(new byte[]{(byte)RecordLayout.FORMAT_VERSION, 0, 30, 3});
        System.out.println("HANGING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

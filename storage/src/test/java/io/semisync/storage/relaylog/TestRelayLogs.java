package io.semisync.storage.relaylog;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers shared by relay log tests: synthetic events whose bytes encode their transaction and sequence.
 */
final class TestRelayLogs
{
    static final int XID_EVENT = 16;
    static final int WRITE_ROWS_EVENT = 30;
    static final long HOUR_MILLIS = 3_600_000L;

    private TestRelayLogs()
    {
    }

    /**
     * A stored record reduced to what tests compare.
     *
     * @param index          relay log index.
     * @param transaction    transaction number encoded in the event.
     * @param sequence       event number within the transaction.
     * @param transactionEnd whether it is a commit point.
     * @param endPosition    end position.
     * @param sourceFileName source file name.
     */
    record StoredEvent(long index, long transaction, int sequence, boolean transactionEnd, long endPosition,
        String sourceFileName)
    {
    }

    static RelayLogConfig config(final java.nio.file.Path directory)
    {
        return new RelayLogConfig().directory(directory).blockSize(4L << 20);
    }

    /**
     * Appends one transaction of {@code events} events; the last is the commit point unless {@code complete} is
     * false. Each event is 24 bytes: transaction (u64), sequence (u32), filler.
     */
    static long appendTransaction(
        final RelayLogWriter writer,
        final EventMetadata metadata,
        final long transaction,
        final int events,
        final boolean complete)
    {
        final UnsafeBuffer event = new UnsafeBuffer(new byte[40]);
        long index = -1;
        for (int i = 0; i < events; i++)
        {
            final boolean last = i == events - 1;
            event.putLong(5, transaction, ByteOrder.LITTLE_ENDIAN);
            event.putInt(13, i, ByteOrder.LITTLE_ENDIAN);
            metadata.sourceFileName("binlog.000001")
                .eventType(last ? XID_EVENT : WRITE_ROWS_EVENT)
                .flags(last && complete ? RecordFlags.TRANSACTION_END | RecordFlags.ACK_REQUESTED : 0)
                .endPosition(transaction * 1000 + i)
                .eventTimestamp(1_700_000_000L + transaction)
                .receiveTimeNanos(System.currentTimeMillis() * 1_000_000L)
                .mariaDbGtid(0, 1, transaction);
            index = writer.append(metadata, event, 5, 24);
        }
        return index;
    }

    /**
     * Writes {@code hours} transactions of two events, one per hour from {@code start} (epoch millis), each in the
     * cycle file of its hour with the default roll cycle, and syncs each.
     *
     * @return the index of each commit point.
     */
    static List<Long> writeOneTransactionPerHour(final RelayLog relayLog, final SetTimeProvider clock, final long start, final int hours)
    {
        final List<Long> commits = new ArrayList<>();
        try (RelayLogWriter writer = relayLog.openWriter())
        {
            for (int hour = 0; hour < hours; hour++)
            {
                clock.currentTimeMillis(start + hour * HOUR_MILLIS + 1000);
                commits.add(appendTransaction(writer, new EventMetadata(), hour, 2, true));
                writer.sync();
            }
        }
        return commits;
    }

    static List<StoredEvent> readAll(final RelayLog relayLog)
    {
        final List<StoredEvent> events = new ArrayList<>();
        try (RelayLogReader reader = relayLog.openReader())
        {
            reader.poll(record -> events.add(toStored(record)), Integer.MAX_VALUE);
        }
        return events;
    }

    static StoredEvent toStored(final RelayLogRecord record)
    {
        final int offset = record.eventOffset();
        return new StoredEvent(
            record.index(),
            record.buffer().getLong(offset, ByteOrder.LITTLE_ENDIAN),
            record.buffer().getInt(offset + 8, ByteOrder.LITTLE_ENDIAN),
            record.isTransactionEnd(),
            record.endPosition(),
            record.sourceFileName());
    }

    /** Waits until the writer's background sync has returned, and takes its outcome. */
    static void awaitBackgroundSync(final RelayLogWriter writer)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.isBackgroundSyncRunning())
        {
            assertThat(System.nanoTime()).as("background sync returned within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}

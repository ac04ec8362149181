package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Iterates stored records in order, from the start or from an index, for the {@code dump} command, downstream
 * serving and tests. Skips records that recovery voided. Single-threaded: one reader per thread.
 *
 * <p>A reader of a relay log opened read-only while a writer runs elsewhere may see the records of a transaction
 * still being appended (after the last record with {@link RecordFlags#TRANSACTION_END}); whoever needs only
 * committed data stops at the last commit point.
 */
public final class RelayLogReader implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final ExcerptBuffer excerptBuffer = new ExcerptBuffer();
    private final RelayLogRecord record = new RelayLogRecord();

    RelayLogReader(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /**
     * Moves to the first stored record.
     *
     * @return this.
     */
    public RelayLogReader toStart()
    {
        tailer.toStart();
        return this;
    }

    /**
     * Moves so that the next record read is the one at {@code index}.
     *
     * @param index a relay log index.
     * @return false if no record has that index (never written, or deleted by retention).
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Moves so that the next record read is the one after {@code index}.
     *
     * @param index a relay log index that exists.
     * @return false if no record has that index.
     */
    public boolean moveAfter(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            return dc.isPresent();
        }
    }

    /**
     * Delivers up to {@code limit} records to the handler.
     *
     * @param handler receives each record.
     * @param limit   most records to deliver.
     * @return records delivered; 0 at the end of the log.
     * @throws RelayLogException if a record is corrupt or of an unknown format (names its index).
     */
    public int poll(final RecordHandler handler, final int limit)
    {
        return poll(handler, limit, Long.MAX_VALUE);
    }

    /**
     * Delivers up to {@code limit} records whose index is at most {@code lastIndex}; the first record past it stays
     * unread, for a later call with a higher bound (a reader that must not pass a commit point).
     *
     * @param handler   receives each record.
     * @param limit     most records to deliver.
     * @param lastIndex the highest index to deliver.
     * @return records delivered; 0 at the end of the log or at {@code lastIndex}.
     * @throws RelayLogException if a record is corrupt or of an unknown format (names its index).
     */
    public int poll(final RecordHandler handler, final int limit, final long lastIndex)
    {
        int delivered = 0;
        while (delivered < limit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                if (dc.index() > lastIndex)
                {
                    dc.rollbackOnClose();
                    break;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final DirectBuffer buffer = excerptBuffer.wrap(bytes);
                final int length = excerptBuffer.length();
                if (length == 0 || !RelayLogRecord.isVoided(buffer, 0))
                {
                    handler.onRecord(record.wrap(buffer, 0, length, dc.index()));
                    delivered++;
                }
            }
        }
        return delivered;
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}

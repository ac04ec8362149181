package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Puts back into the cycle files the records that the {@link AckJournal} holds and a crash took from them, at open,
 * after recovery has dropped torn records and an incomplete trailing transaction.
 *
 * <p>The records of the journal's generation follow its base in the order they were appended, so the cycle files'
 * last commit point tells how far they got: at the base, none of them; equal to one of the journal's records, up to
 * that one; beyond the base and equal to none, every one of them (a sync of the cycle files covered records appended
 * after the journal's last write). The records after it are appended again, as they were: they keep their contents,
 * not their indexes. A last commit point before the base means the cycle files lost what a sync had made durable: the
 * open fails rather than leave a hole.
 */
final class AckJournalReplay
{
    private static final Logger LOG = LoggerFactory.getLogger(AckJournalReplay.class);

    private AckJournalReplay()
    {
    }

    /**
     * Appends the records the cycle files lost.
     *
     * @param queue           the relay log queue, opened writable and recovered.
     * @param directory       the relay log directory.
     * @param lastCommitIndex the last commit point recovery found, -1 for none; every record after it is voided.
     * @return records appended.
     * @throws RelayLogException   if the cycle files end before the journal's base.
     * @throws DurabilityException if the journal cannot be read.
     */
    static long replay(final SingleChronicleQueue queue, final Path directory, final long lastCommitIndex)
    {
        final List<byte[]> missing = missing(queue, directory, lastCommitIndex);
        if (missing.isEmpty())
        {
            return 0;
        }
        try (ExcerptAppender appender = queue.createAppender())
        {
            for (final byte[] record : missing)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(record);
                }
            }
        }
        LOG.warn("relay log {}: appended again {} records that its ACK journal holds and the cycle files had lost", directory,
            missing.size());
        return missing.size();
    }

    /**
     * The journal's records that the cycle files do not hold, in order.
     *
     * @param queue           the relay log queue.
     * @param directory       the relay log directory.
     * @param lastCommitIndex the cycle files' last intact commit point, -1 for none.
     * @return the records to append after it; empty when the journal holds nothing more.
     * @throws RelayLogException   if the cycle files end before the journal's base.
     * @throws DurabilityException if the journal cannot be read.
     */
    static List<byte[]> missing(final SingleChronicleQueue queue, final Path directory, final long lastCommitIndex)
    {
        final Path file = directory.resolve(AckJournal.FILE_NAME);
        final Optional<AckJournalContent> read;
        try
        {
            read = AckJournalContent.read(file);
        }
        catch (final NoSuchFileException ex)
        {
            // removed while being read, by a replica that opened the relay log without a journal after replaying it
            return List.of();
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot read the ACK journal " + file + ": " + ex.getMessage(), ex);
        }
        if (read.isEmpty() || read.get().records().isEmpty())
        {
            return List.of();
        }
        final AckJournalContent content = read.get();
        final List<byte[]> records = content.records();
        if (lastCommitIndex < content.base())
        {
            throw new RelayLogException("the relay log in " + directory + " ends at index " + Long.toHexString(lastCommitIndex) +
                ", before the index " + Long.toHexString(content.base()) + " its ACK journal follows, which a sync had made durable: " +
                "the disk lost synced data; check it (dmesg, the file system), and start a new relay log from the source if it cannot be repaired");
        }
        final int first = lastCommitIndex == content.base() ? 0 : after(queue, lastCommitIndex, records);
        return records.subList(first, records.size());
    }

    /** Where the journal's records go on after the record at {@code index}: past the last one equal to it, else past all. */
    private static int after(final SingleChronicleQueue queue, final long index, final List<byte[]> records)
    {
        final byte[] last;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (!tailer.moveToIndex(index))
            {
                throw new RelayLogException("cannot move to the last commit point at index " + Long.toHexString(index));
            }
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    throw new RelayLogException("cannot read the last commit point at index " + Long.toHexString(index));
                }
                final ExcerptBuffer excerpt = new ExcerptBuffer();
                final DirectBuffer buffer = excerpt.wrap(dc.wire().bytes());
                last = new byte[excerpt.length()];
                buffer.getBytes(0, last);
            }
        }
        for (int i = records.size() - 1; i >= 0; i--)
        {
            if (Arrays.equals(records.get(i), last))
            {
                return i + 1;
            }
        }
        return records.size();
    }
}

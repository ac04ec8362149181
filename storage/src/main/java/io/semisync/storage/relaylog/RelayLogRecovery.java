package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.UnsupportedRecordFormatException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the last commit point and drops an incomplete trailing transaction.
 *
 * <p>Chronicle Queue cannot truncate, so dropping is done in place: the version byte of every record after the
 * last commit point is overwritten with {@link RecordLayout#VOIDED} through a {@link FileChannel} write at the
 * record's file offset, the files are fdatasynced, and readers skip voided records. The records keep their
 * indexes; new appends follow them. Voiding is idempotent, so a crash during recovery is repaired by the next open.
 *
 * <p>A torn record (version byte 0, impossible lengths, or a CRC32C that does not match: a power loss between the
 * pages of a record reaching the disk, which can leave a record that looks complete) is voided with everything after
 * it, with a WARN naming its index and file: none of it was acknowledged, since an ACK needs a sync after a commit
 * point, and a sync covers everything before it. Records are checked forward from the GTID checkpoint's index, which a
 * sync covered, so a torn record before a later intact commit point is found too, and Chronicle's own end-of-queue
 * lookup (which a power loss can leave pointing at an index never reached) is not relied on. A record with an unknown non-zero version stops
 * recovery with {@link UnsupportedRecordFormatException}: it may be a commit point written by a newer version.
 */
final class RelayLogRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(RelayLogRecovery.class);
    private static final int TORN_VERSION = 0;
    /** For {@link #findLastCommit} on a log no crash has touched since it was opened: the scan stops at the last commit point. */
    static final long NOTHING_TORN = Long.MAX_VALUE;

    private final ExcerptBuffer excerptBuffer = new ExcerptBuffer();
    private final RelayLogRecord record = new RelayLogRecord();

    /**
     * Finds the last commit point without changing anything. After a crash ({@code durableIndex} not
     * {@link #NOTHING_TORN}) a power loss may have left any record written after the last sync torn, since the page cache
     * writes pages back in any order: the scan reads forward from {@code durableIndex}, which a sync covered, and the
     * result is the last commit point before the first torn record. On a log no crash has touched since it was opened,
     * it scans back from the end to the last commit point.
     *
     * @param queue        the relay log queue.
     * @param durableIndex a record index known durable (the GTID checkpoint's), -1 to check the whole log, or
     *                     {@link #NOTHING_TORN}.
     * @return the last commit point; {@code droppedRecords} counts the records after it.
     */
    RecoveredPosition findLastCommit(final SingleChronicleQueue queue, final long durableIndex)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            return durableIndex == NOTHING_TORN ? scanBack(tailer) : scanForward(tailer, durableIndex);
        }
    }

    private RecoveredPosition scanBack(final ExcerptTailer tailer)
    {
        long after = 0;
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return new RecoveredPosition(-1, null, 0, after);
                }
                final DirectBuffer buffer = excerptBuffer.wrap(dc.wire().bytes());
                final int length = excerptBuffer.length();
                if (length > 0 && RelayLogRecord.isVoided(buffer, 0))
                {
                    continue;
                }
                if (isIntact(buffer, length, dc.index(), tailer.currentFile()) && record.isTransactionEnd())
                {
                    return new RecoveredPosition(dc.index(), record.sourceFileName(), record.endPosition(), after);
                }
                after++;
            }
        }
    }

    private RecoveredPosition scanForward(final ExcerptTailer tailer, final long durableIndex)
    {
        if (durableIndex < 0 || !tailer.moveToIndex(durableIndex))
        {
            tailer.toStart();
        }
        RecoveredPosition found = new RecoveredPosition(-1, null, 0, 0);
        long after = 0;
        boolean torn = false;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final DirectBuffer buffer = excerptBuffer.wrap(dc.wire().bytes());
                final int length = excerptBuffer.length();
                if (length > 0 && RelayLogRecord.isVoided(buffer, 0))
                {
                    continue;
                }
                torn = torn || !isIntact(buffer, length, dc.index(), tailer.currentFile());
                if (!torn && record.isTransactionEnd())
                {
                    found = new RecoveredPosition(dc.index(), record.sourceFileName(), record.endPosition(), 0);
                    after = 0;
                }
                else
                {
                    after++;
                }
            }
        }
        return new RecoveredPosition(found.lastCommitIndex(), found.sourceFileName(), found.endPosition(), after);
    }

    /** Whether the record reads whole (its checksum included); a torn one is logged as dropped. */
    private boolean isIntact(final DirectBuffer buffer, final int length, final long index, final File file)
    {
        if (length > 0 && (buffer.getByte(RecordLayout.FORMAT_VERSION_OFFSET) & 0xFF) == TORN_VERSION)
        {
            LOG.warn("torn record at index {} in {} (its version byte never reached the disk) will be dropped", index, file);
            return false;
        }
        try
        {
            record.wrap(buffer, 0, length, index);
            return true;
        }
        catch (final UnsupportedRecordFormatException ex)
        {
            throw ex;
        }
        catch (final RelayLogException ex)
        {
            LOG.warn("torn record in {} will be dropped with everything after it: {}", file, ex.getMessage());
            return false;
        }
    }

    /**
     * Voids every record after the last commit point and makes that durable.
     *
     * @param queue        the relay log queue, opened writable.
     * @param durableIndex a record index known durable, -1 for none: see {@link #findLastCommit}.
     * @return the last commit point; {@code droppedRecords} counts the records voided now.
     */
    RecoveredPosition recover(final SingleChronicleQueue queue, final long durableIndex)
    {
        final RecoveredPosition found = findLastCommit(queue, durableIndex);
        if (found.droppedRecords() == 0)
        {
            return found;
        }
        final long voided = voidAfter(queue, found.lastCommitIndex());
        LOG.warn("dropped an incomplete trailing transaction: voided {} records after index {} ({} {})",
            voided, found.lastCommitIndex(), found.sourceFileName(), found.endPosition());
        return new RecoveredPosition(found.lastCommitIndex(), found.sourceFileName(), found.endPosition(), voided);
    }

    /**
     * Voids every record after an index and fdatasyncs the files touched.
     *
     * @param queue           the relay log queue, opened writable.
     * @param lastCommitIndex the last commit point to keep, -1 to void everything.
     * @return records voided.
     */
    long voidAfter(final SingleChronicleQueue queue, final long lastCommitIndex)
    {
        final Map<File, FileChannel> channels = new LinkedHashMap<>();
        final ByteBuffer voidedByte = ByteBuffer.allocate(1);
        long voided = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            positionAfter(tailer, lastCommitIndex);
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final DirectBuffer buffer = excerptBuffer.wrap(bytes);
                    if (excerptBuffer.length() == 0 || RelayLogRecord.isVoided(buffer, 0))
                    {
                        continue;
                    }
                    final File file = tailer.currentFile();
                    final FileChannel channel = channels.computeIfAbsent(file, RelayLogRecovery::openForWrite);
                    voidedByte.clear().put(0, (byte)RecordLayout.VOIDED);
                    channel.write(voidedByte, bytes.readPosition() + RecordLayout.FORMAT_VERSION_OFFSET);
                    voided++;
                }
            }
            for (final FileChannel channel : channels.values())
            {
                channel.force(false);
            }
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("voiding records after index " + lastCommitIndex + " failed", ex);
        }
        finally
        {
            closeAll(channels);
        }
        return voided;
    }

    private static void positionAfter(final ExcerptTailer tailer, final long lastCommitIndex)
    {
        if (lastCommitIndex < 0)
        {
            tailer.toStart();
            return;
        }
        if (!tailer.moveToIndex(lastCommitIndex))
        {
            throw new RelayLogException("cannot move to the last commit point at index " + lastCommitIndex);
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent() || dc.index() != lastCommitIndex)
            {
                throw new RelayLogException("cannot read the last commit point at index " + lastCommitIndex);
            }
        }
    }

    private static FileChannel openForWrite(final File file)
    {
        try
        {
            return FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot open " + file + " to void records", ex);
        }
    }

    private static void closeAll(final Map<File, FileChannel> channels)
    {
        for (final Map.Entry<File, FileChannel> entry : channels.entrySet())
        {
            try
            {
                entry.getValue().close();
            }
            catch (final IOException ex)
            {
                LOG.warn("closing {} after voiding failed", entry.getKey(), ex);
            }
        }
    }
}

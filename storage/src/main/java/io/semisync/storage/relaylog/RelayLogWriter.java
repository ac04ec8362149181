package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RecordTooLargeException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.RelayLogFullException;
import io.semisync.storage.durability.DurabilityBarrier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Appends records to the relay log and makes them durable. Owned by one thread: the only thread that touches the
 * Chronicle appender. {@link #append} copies the metadata and event bytes straight into the memory-mapped file
 * without allocating; {@link #sync()} makes everything appended so far durable through the
 * {@link DurabilityBarrier}; the writer tracks the highest appended and highest durable index and the last durable
 * commit point, the position to ACK. {@link #syncForAck()} makes them durable more cheaply, through the
 * {@link AckJournal}, for an ACK; readers see them once the cycle files are synced. {@link #syncInBackground()} runs a
 * sync on a thread of the writer's own while appending goes on: for bulk syncs that nobody waits for, such as a
 * catch-up's, and for what the journal made durable.
 *
 * <p>After a failed sync the writer refuses all further work: a failed fsync may have dropped dirty pages, so
 * nothing appended since the last good sync can be trusted; reopen the relay log to recover.
 */
public final class RelayLogWriter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RelayLogWriter.class);

    private final RelayLog relayLog;
    private final ExcerptAppender appender;
    private final DurabilityBarrier barrier;
    private final DurableCommitMark durableMark;
    private final PageCachePrefetch prefetch;
    private final long maxRecordLength;
    private final UnsafeBuffer prefix = new UnsafeBuffer(new byte[(int)RecordLayout.recordLength(
        RecordLayout.MAX_SOURCE_FILE_NAME_LENGTH, RecordLayout.MAX_GTID_LENGTH, 0)]);
    private final UnsafeBuffer trailer = new UnsafeBuffer(new byte[RecordLayout.CHECKSUM_LENGTH]);
    private final RecordChecksum checksum = new RecordChecksum();
    private final FreeSpaceGuard freeSpace;
    /** Bytes of the ACK journal to create at the first ACK: 0 for none, or once it could not be created. */
    private long journalSize;
    private AckJournal journal;
    private long ackJournalWrites;
    private int cycle;
    private long lastAppendedIndex;
    private long lastDurableIndex;
    /** The last record a sync of the cycle files or a write of the journal made durable. */
    private long lastAckableIndex;
    private long appendedCommitIndex;
    private long appendedCommitEndPosition;
    private String appendedCommitSourceFileName;
    private long durableCommitIndex;
    private long durableCommitEndPosition;
    private String durableCommitSourceFileName;
    private RelayLogException failure;
    private boolean closed;
    private ExecutorService backgroundSyncThread;
    private boolean backgroundSyncRunning;
    /** Set by the background sync thread when its sync has returned; taken back by the owner. */
    private volatile DurablePoint backgroundSynced;
    private volatile RuntimeException backgroundFailure;

    RelayLogWriter(
        final RelayLog relayLog,
        final ExcerptAppender appender,
        final DurabilityBarrier barrier,
        final DurableCommitMark durableMark,
        final long maxRecordLength,
        final RecoveredPosition recovered,
        final PageCachePrefetch prefetch,
        final long journalSize)
    {
        this.journalSize = journalSize;
        this.prefetch = prefetch;
        this.relayLog = relayLog;
        this.appender = appender;
        this.barrier = barrier;
        this.durableMark = durableMark;
        this.maxRecordLength = maxRecordLength;
        this.freeSpace = new FreeSpaceGuard(relayLog.directory());
        this.cycle = appender.cycle();
        lastAppendedIndex = recovered.lastCommitIndex();
        lastDurableIndex = recovered.lastCommitIndex();
        lastAckableIndex = lastDurableIndex;
        appendedCommitIndex = recovered.lastCommitIndex();
        appendedCommitEndPosition = recovered.endPosition();
        appendedCommitSourceFileName = recovered.sourceFileName();
        durableCommitIndex = appendedCommitIndex;
        durableCommitEndPosition = appendedCommitEndPosition;
        durableCommitSourceFileName = appendedCommitSourceFileName;
    }

    /**
     * Appends one event as one record. Not durable until {@link #sync()} returns.
     *
     * @param metadata the event's metadata; its source file name must be set.
     * @param event    buffer holding the event bytes (heap or direct).
     * @param offset   where the event starts.
     * @param length   event length.
     * @return the record's relay log index.
     * @throws RecordTooLargeException if the record exceeds the largest record the log can hold.
     * @throws RelayLogFullException   if the file system is (nearly) full; nothing was appended, the writer stays usable.
     * @throws RelayLogException       if the writer is closed or failed, or no source file name is set.
     */
    public long append(final EventMetadata metadata, final DirectBuffer event, final int offset, final int length)
    {
        ensureUsable();
        if (!metadata.hasSourceFileName())
        {
            throw new RelayLogException("cannot append: the event metadata has no source file name");
        }
        event.boundsCheck(offset, length);
        final int prefixLength = metadata.encodePrefix(prefix, 0, length);
        final long recordLength = (long)prefixLength + length + RecordLayout.CHECKSUM_LENGTH;
        if (recordLength > maxRecordLength)
        {
            throw new RecordTooLargeException("record of " + recordLength + " bytes (event " +
                length + ") exceeds the largest record of " + maxRecordLength + " bytes; raise the block size");
        }
        freeSpace.claim(recordLength);
        final int crc = checksum.reset()
            .update(prefix.byteArray(), RecordLayout.FLAGS_OFFSET, prefixLength - RecordLayout.FLAGS_OFFSET)
            .update(event, offset, length)
            .value();
        trailer.putInt(0, crc, ByteOrder.LITTLE_ENDIAN);
        final long writtenTo;
        try (DocumentContext dc = appender.writingDocument())
        {
            try
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.write(prefix.byteArray(), 0, prefixLength);
                final byte[] array = event.byteArray();
                if (array != null)
                {
                    bytes.write(array, event.wrapAdjustment() + offset, length);
                }
                else
                {
                    bytes.unsafeWrite(event.addressOffset() + offset, length);
                }
                bytes.write(trailer.byteArray(), 0, RecordLayout.CHECKSUM_LENGTH);
                writtenTo = bytes.writePosition();
            }
            catch (final RuntimeException ex)
            {
                dc.rollbackOnClose();
                throw ex;
            }
        }
        lastAppendedIndex = appender.lastIndexAppended();
        if (journal != null && journal.isStarted())
        {
            journal.add(prefix, prefixLength, event, offset, length, trailer, RecordLayout.CHECKSUM_LENGTH);
        }
        if (prefetch != null)
        {
            prefetch.wrote(writtenTo);
        }
        if ((metadata.flags() & RecordFlags.TRANSACTION_END) != 0)
        {
            appendedCommitIndex = lastAppendedIndex;
            appendedCommitEndPosition = metadata.endPosition();
            appendedCommitSourceFileName = metadata.sourceFileName();
        }
        final int appendCycle = appender.cycle();
        if (appendCycle != cycle)
        {
            cycle = appendCycle;
            sync();
        }
        return lastAppendedIndex;
    }

    /**
     * Makes everything appended so far durable (one fdatasync however many records: group commit). Returns at once
     * when nothing was appended since the last sync.
     *
     * @throws DurabilityException if the sync failed; the writer is then unusable.
     */
    public void sync()
    {
        ensureUsable();
        if (lastDurableIndex == lastAppendedIndex)
        {
            return;
        }
        try
        {
            barrier.sync();
        }
        catch (final DurabilityException ex)
        {
            failure = ex;
            throw ex;
        }
        lastDurableIndex = lastAppendedIndex;
        lastAckableIndex = lastAppendedIndex;
        durableCommitIndex = appendedCommitIndex;
        durableCommitEndPosition = appendedCommitEndPosition;
        durableCommitSourceFileName = appendedCommitSourceFileName;
        durableMark.publish(durableCommitIndex);
        restartJournalIfAllSynced();
    }

    /**
     * Starts the journal's next generation when the cycle files hold everything appended, synced, and it ends at a
     * commit point: after every sync of them, in the background too, so that the journal fills only under a load that
     * never leaves such a moment, and only then does an ACK wait for an fdatasync.
     */
    private void restartJournalIfAllSynced()
    {
        if (journal != null && lastDurableIndex == lastAppendedIndex && lastAppendedIndex == appendedCommitIndex)
        {
            journal.start(appendedCommitIndex);
        }
    }

    /**
     * Makes everything appended so far durable for an ACK: with one write of the {@link AckJournal} when it holds
     * every record since a commit point the cycle files have synced, else with {@link #sync()}, which starts the
     * journal again at a commit point. A journal write moves none of the durable indexes: readers see the records once
     * a sync of the cycle files ({@link #sync()}, {@link #syncInBackground()}) covers them; until then, recovery
     * appends from the journal what a crash took from the cycle files. Returns at once when nothing was appended
     * since the last sync or write.
     *
     * @throws DurabilityException if the write or the sync failed; the writer is then unusable.
     */
    public void syncForAck()
    {
        ensureUsable();
        if (lastAckableIndex == lastAppendedIndex)
        {
            return;
        }
        if (journal == null && journalSize > 0)
        {
            journal = openJournal();
        }
        if (journal == null || !journal.isStarted())
        {
            sync();
            return;
        }
        try
        {
            journal.write();
        }
        catch (final DurabilityException ex)
        {
            failure = ex;
            throw ex;
        }
        ackJournalWrites++;
        lastAckableIndex = lastAppendedIndex;
    }

    /**
     * How many {@link #syncForAck()} calls a write of the ACK journal served; the others that had records to make durable
     * waited for an fdatasync of the cycle files (the first ACK, a full journal, no journal). Owner's thread only.
     */
    public long ackJournalWrites()
    {
        return ackJournalWrites;
    }

    /** The journal, created at the first ACK so that a relay log nobody ACKs from never has one; null if it cannot be. */
    private AckJournal openJournal()
    {
        try
        {
            return AckJournal.open(relayLog.directory(), journalSize);
        }
        catch (final DurabilityException ex)
        {
            LOG.warn("relay log {}: no ACK journal ({}); until the replica restarts, every ACK waits for an fdatasync of the "
                + "cycle file instead", relayLog.directory(), ex.getMessage());
            journalSize = 0;
            return null;
        }
    }

    /**
     * Starts a sync of everything appended so far on the writer's background thread and returns at once; the
     * durable indexes move when it has returned, as seen by the next call on the owning thread. Does nothing when a
     * background sync is still running or everything is durable. A failed background sync fails the writer as a
     * failed {@link #sync()} does; {@link #sync()} itself never waits for a background sync.
     *
     * @return whether a sync was started.
     * @throws DurabilityException if preparing the sync failed (a file change is synced at once); the writer is
     *                             then unusable.
     */
    public boolean syncInBackground()
    {
        return syncInBackground(() ->
        {
        });
    }

    /**
     * As {@link #syncInBackground()}, and runs {@code whenDone} on the background thread once the sync has returned or
     * failed; the owning thread sees the outcome at its next call.
     *
     * @param whenDone what to run then, e.g. a hand-over to the owning thread; it must not touch the writer.
     * @return whether a sync was started.
     * @throws DurabilityException as {@link #syncInBackground()}.
     */
    public boolean syncInBackground(final Runnable whenDone)
    {
        ensureUsable();
        if (backgroundSyncRunning || lastDurableIndex == lastAppendedIndex)
        {
            return false;
        }
        final Runnable sync;
        try
        {
            sync = barrier.prepareSync();
        }
        catch (final DurabilityException ex)
        {
            failure = ex;
            throw ex;
        }
        final DurablePoint target = new DurablePoint(lastAppendedIndex, appendedCommitIndex, appendedCommitEndPosition,
            appendedCommitSourceFileName);
        if (backgroundSyncThread == null)
        {
            backgroundSyncThread = Executors.newSingleThreadExecutor(runnable ->
            {
                final Thread thread = new Thread(runnable, "relay-log-background-sync");
                thread.setDaemon(true);
                return thread;
            });
        }
        backgroundSyncRunning = true;
        backgroundSyncThread.execute(() ->
        {
            try
            {
                sync.run();
                backgroundSynced = target;
            }
            catch (final RuntimeException ex)
            {
                backgroundFailure = ex;
            }
            whenDone.run();
        });
        return true;
    }

    /**
     * @return whether a sync started by {@link #syncInBackground()} has not been seen to return yet.
     */
    public boolean isBackgroundSyncRunning()
    {
        collectBackgroundSync();
        return backgroundSyncRunning;
    }

    private void markDurable(final DurablePoint point)
    {
        if (point.index() > lastDurableIndex)
        {
            lastDurableIndex = point.index();
            lastAckableIndex = Math.max(lastAckableIndex, lastDurableIndex);
        }
        if (point.commitIndex() > durableCommitIndex)
        {
            durableCommitIndex = point.commitIndex();
            durableCommitEndPosition = point.commitEndPosition();
            durableCommitSourceFileName = point.commitSourceFileName();
            durableMark.publish(durableCommitIndex);
        }
    }

    /** Takes the outcome of a finished background sync; runs on the owning thread. */
    private void collectBackgroundSync()
    {
        if (!backgroundSyncRunning)
        {
            return;
        }
        final RuntimeException failed = backgroundFailure;
        if (failed != null)
        {
            backgroundSyncRunning = false;
            failure = failed instanceof RelayLogException relayLogFailure ? relayLogFailure
                : new DurabilityException("background sync failed", failed);
            return;
        }
        final DurablePoint synced = backgroundSynced;
        if (synced != null)
        {
            backgroundSynced = null;
            backgroundSyncRunning = false;
            markDurable(synced);
            restartJournalIfAllSynced();
        }
    }

    /**
     * Drops the records appended after the last commit point, as recovery does on open: for a stream that broke
     * mid-transaction and resumes from the last commit point, so that the resent transaction is not stored twice.
     * The dropped records keep their indexes and are voided in place durably; readers skip them from now on (a
     * reader that already passed them has seen them: readers that need only committed data stop at commit points).
     *
     * @return records dropped.
     */
    public long discardIncompleteTransaction()
    {
        ensureUsable();
        if (lastAppendedIndex == appendedCommitIndex)
        {
            return 0;
        }
        if (journal != null)
        {
            journal.stop();
        }
        try
        {
            return relayLog.voidAfter(appendedCommitIndex);
        }
        catch (final DurabilityException ex)
        {
            failure = ex;
            throw ex;
        }
    }

    /**
     * Saves the GTID state of every transaction up to {@code coveredIndex}, atomically, so that open can rebuild
     * the executed GTID set without reading the whole log and retention may delete files it covers.
     *
     * @param coveredIndex a durable relay log index up to which the state is complete.
     * @param state        buffer holding replica-core's encoded state.
     * @param offset       where the state starts.
     * @param length       state length.
     * @throws RelayLogException if {@code coveredIndex} is not durable yet.
     */
    public void writeGtidCheckpoint(final long coveredIndex, final DirectBuffer state, final int offset, final int length)
    {
        ensureUsable();
        if (coveredIndex > lastDurableIndex)
        {
            throw new RelayLogException("GTID checkpoint at index " + coveredIndex +
                " would cover records that are not durable; last durable index is " + lastDurableIndex);
        }
        relayLog.saveGtidCheckpoint(coveredIndex, state, offset, length);
    }

    /**
     * @return index of the last appended record, -1 if the log holds none.
     */
    public long lastAppendedIndex()
    {
        return lastAppendedIndex;
    }

    /**
     * @return index of the last durable record, -1 if none.
     */
    public long lastDurableIndex()
    {
        collectBackgroundSync();
        return lastDurableIndex;
    }

    /**
     * @return index of the last durable commit point, -1 if none.
     */
    public long lastDurableCommitIndex()
    {
        collectBackgroundSync();
        return durableCommitIndex;
    }

    /**
     * @return end position of the last durable commit point: the position to ACK and to resume from.
     */
    public long lastDurableCommitEndPosition()
    {
        collectBackgroundSync();
        return durableCommitEndPosition;
    }

    /**
     * @return source binlog file of the last durable commit point, null if none.
     */
    public String lastDurableCommitSourceFileName()
    {
        collectBackgroundSync();
        return durableCommitSourceFileName;
    }

    /**
     * @return whether a sync failed, so that the writer refuses all further work until the relay log is reopened.
     */
    public boolean hasFailed()
    {
        collectBackgroundSync();
        return failure != null;
    }

    private void ensureUsable()
    {
        collectBackgroundSync();
        if (closed)
        {
            throw new RelayLogException("relay log writer is closed");
        }
        if (failure != null)
        {
            throw new RelayLogException("relay log writer failed earlier and must be reopened: " +
                failure.getMessage(), failure);
        }
    }

    private void awaitBackgroundSync()
    {
        if (backgroundSyncThread == null)
        {
            return;
        }
        backgroundSyncThread.shutdown();
        try
        {
            if (!backgroundSyncThread.awaitTermination(1, TimeUnit.MINUTES))
            {
                throw new DurabilityException("a background sync of " + relayLog.directory() + " did not return within a minute");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new DurabilityException("interrupted while waiting for a background sync of " + relayLog.directory(), ex);
        }
    }

    /** What a sync made durable: the last record and the last commit point among them. */
    private record DurablePoint(long index, long commitIndex, long commitEndPosition, String commitSourceFileName)
    {
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            try
            {
                awaitBackgroundSync();
                barrier.close();
            }
            finally
            {
                if (journal != null)
                {
                    journal.close();
                }
                if (prefetch != null)
                {
                    prefetch.close();
                }
                durableMark.close();
                appender.close();
                relayLog.onWriterClosed(this);
            }
        }
    }
}

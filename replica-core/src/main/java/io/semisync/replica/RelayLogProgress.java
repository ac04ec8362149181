package io.semisync.replica;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.replica.session.GtidState;
import io.semisync.replica.session.ResumePoint;
import io.semisync.storage.relaylog.GtidCheckpoint;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows the relay log as it grows, on a thread of its own, and publishes what it holds as one immutable
 * {@link StoredProgress}: the GTIDs stored (from the GTID checkpoint on, as a resume computes them) and the times of
 * the last transaction's event. The ACK path does nothing for it: this reader learns everything from the records themselves.
 */
final class RelayLogProgress implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RelayLogProgress.class);
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(2);
    private static final int BATCH = 4096;

    private final RelayLog relayLog;
    private final long startIndex;
    private final ScheduledExecutorService thread;
    private volatile StoredProgress latest = StoredProgress.NONE;

    // confined to the thread
    private RelayLogReader reader;
    private GtidState gtids;
    private long lastEventTimestamp;
    private long lastReceiveTimeNanos;
    private long eventBytes;
    private long storedTransactions;
    private long acknowledgedTransactions;

    private RelayLogProgress(final RelayLog relayLog, final long startIndex)
    {
        this.relayLog = relayLog;
        this.startIndex = startIndex;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread daemon = new Thread(runnable, "semisync-replica-progress");
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /**
     * Starts following {@code relayLog}.
     *
     * @param startIndex the last record stored before this start: only later ones count as stored since the start
     */
    static RelayLogProgress start(final RelayLog relayLog, final long startIndex)
    {
        final RelayLogProgress progress = new RelayLogProgress(relayLog, startIndex);
        progress.thread.scheduleWithFixedDelay(progress::poll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return progress;
    }

    /** Reads what was stored since the last pass and returns the result; the last one when the reader is busy too long. */
    StoredProgress refresh()
    {
        return BoundedWait.answer(thread, this::poll, REFRESH_WAIT, () -> latest);
    }

    private StoredProgress poll()
    {
        try
        {
            if (reader == null && !open())
            {
                return latest;
            }
            while (reader.poll(this::onRecord, BATCH) > 0)
            {
                latest = snapshot();
            }
            latest = snapshot();
        }
        catch (final RuntimeException ex)
        {
            // e.g. retention deleted the file under the reader: start again from the checkpoint
            LOG.warn("following the relay log {}: {}; starting again from its checkpoint", relayLog.directory(), ex.toString());
            closeReader();
        }
        return latest;
    }

    /** Positions the reader after the GTID checkpoint, whose state the GTIDs start from; false while there is none. */
    private boolean open()
    {
        final Optional<GtidCheckpoint> checkpoint = relayLog.gtidCheckpoint();
        if (checkpoint.isEmpty())
        {
            return false;
        }
        gtids = ResumePoint.fromCheckpoint(checkpoint.get().state()) instanceof GtidState state ? state : null;
        reader = relayLog.openReader();
        final long covered = checkpoint.get().coveredIndex();
        if (covered >= 0 && !reader.moveAfter(covered))
        {
            reader.toStart();
        }
        return true;
    }

    private void onRecord(final RelayLogRecord record)
    {
        if (gtids != null && record.isTransactionEnd() && record.gtidKind() != GtidKind.NONE)
        {
            gtids.add(record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength());
        }
        if (record.index() > startIndex)
        {
            if (!describesFile(record.eventType()))
            {
                lastEventTimestamp = record.eventTimestamp();
                lastReceiveTimeNanos = record.receiveTimeNanos();
            }
            eventBytes += record.eventLength();
            if (record.isTransactionEnd())
            {
                storedTransactions++;
                if (record.isAckRequested())
                {
                    // ACKs are cumulative: MySQL asks for one per commit group, and it covers the group's earlier ones
                    acknowledgedTransactions = storedTransactions;
                }
            }
        }
    }

    /** Events about the binlog file rather than a transaction: their time is when the file began, no measure of lag. */
    private static boolean describesFile(final int type)
    {
        return switch (type)
        {
            case BinlogEventType.STOP, BinlogEventType.ROTATE, BinlogEventType.FORMAT_DESCRIPTION, BinlogEventType.PREVIOUS_GTIDS,
                BinlogEventType.MARIADB_BINLOG_CHECKPOINT, BinlogEventType.MARIADB_GTID_LIST,
                BinlogEventType.MARIADB_START_ENCRYPTION -> true;
            default -> false;
        };
    }

    private StoredProgress snapshot()
    {
        return new StoredProgress(gtids == null ? "" : gtids.toString(), lastEventTimestamp, lastReceiveTimeNanos, eventBytes,
            acknowledgedTransactions);
    }

    private void closeReader()
    {
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }

    /** Stops following and closes the reader, before the relay log closes. */
    @Override
    public void close()
    {
        try
        {
            thread.submit(this::closeReader).get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException | RejectedExecutionException ex)
        {
            LOG.warn("closing the relay log follower: {}", ex.toString());
        }
        thread.shutdownNow();
    }
}

package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.server.CommandExchange;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.storage.ReaderFellBehindException;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import io.semisync.storage.relaylog.RegisteredReader;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Streams the relay log to one downstream replica: every record up to the last durable commit point, as stored, from
 * the source file and position asked for or leaving out whole transactions whose GTID the replica already has (see
 * {@link DumpScope}), then follows the log as it grows. As a source does when it opens each binlog file for a dump, a
 * record from a source file the replica was not told of yet is preceded by an artificial ROTATE naming that file and,
 * unless the record is the file's own FORMAT_DESCRIPTION, the source's FORMAT_DESCRIPTION; a dump by position opens
 * with them for the file and position asked for. While there is nothing to send for a heartbeat period, a heartbeat
 * names the file and the end position of the last record passed. A replica that registered as semisync gets the 0xEF
 * header on every packet, with the ACK flag on transaction ends, after which the packets are numbered from 1 again (the
 * replica numbers its ACK 0), and its ACKs are counted ({@link DownstreamAcks}). Runs on the serving thread, a batch
 * at a time, never on the thread that stores what the source sends, and pauses while the connection is not writable, so
 * the archive is never buffered in memory; a reader that leaves the connection unwritable for the write timeout is cut
 * off, as a source's net_write_timeout ends a dump. The replica's {@link RegisteredReader registration} moves past each
 * transaction passed, so retention keeps what it has not been sent yet; retention that deleted some of it all the same
 * (beyond the readers' cap) ends the dump with error 1236 before anything after the gap goes out.
 */
final class BinlogDumpStream
{
    private static final Logger LOG = LoggerFactory.getLogger(BinlogDumpStream.class);
    private static final long IDLE_POLL_MILLIS = 5;
    private static final int BATCH = 256;
    private static final long FIRST_EVENT_POSITION = 4;

    private final CommandExchange exchange;
    private final RelayLogReader reader;
    private final DumpScope scope;
    private final LongSupplier durableIndex;
    private final StreamStart start;
    private final ScheduledExecutorService thread;
    private final NanoClock clock;
    private final long writeTimeoutNanos;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final DownstreamAcks acks;
    private final RegisteredReader registration;
    private long limit;
    private long stoppedAt = -1;
    private boolean skipping;
    private long sent;
    private long lastSentNanos;
    private String toldFile;
    private byte[] toldFileBytes = new byte[0];
    private long lastPosition;
    private boolean reached;
    private boolean sawAny;
    private long endSeenInStartFile = -1;

    BinlogDumpStream(final CommandExchange exchange, final RelayLogReader reader, final DumpScope scope,
        final LongSupplier durableIndex, final StreamStart start, final ScheduledExecutorService thread, final NanoClock clock,
        final long writeTimeoutNanos, final DownstreamAcks acks, final RegisteredReader registration)
    {
        this.registration = registration;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.acks = acks;
        this.start = start;
        this.exchange = exchange;
        this.reader = reader;
        this.scope = scope;
        this.durableIndex = durableIndex;
        this.thread = thread;
        this.clock = clock;
    }

    /** Starts streaming; the stage fails when the connection ends. */
    CompletableFuture<Void> begin()
    {
        lastSentNanos = clock.nanoTime();
        if (start.semisync())
        {
            exchange.onClientPacket(acks);
        }
        thread.execute(scope.fromFile() == null ? this::pump : this::openStartFile);
        return ended;
    }

    /** A dump by position opens, as a source's does, naming the file and position asked for: heartbeats can name them. */
    private void openStartFile()
    {
        toldFile = scope.fromFile();
        toldFileBytes = toldFile.getBytes(StandardCharsets.UTF_8);
        send(start.rotate(toldFile, scope.fromPosition()), false);
        send(start.formatDescription(), false);
        lastPosition = scope.fromPosition();
        pump();
    }

    private void pump()
    {
        if (ended.isDone())
        {
            return;
        }
        try
        {
            limit = durableIndex.getAsLong();
            int delivered = BATCH;
            while (exchange.isWritable() && delivered == BATCH && stoppedAt < 0)
            {
                delivered = reader.poll(this::onRecord, BATCH);
                heartbeatIfDue();
            }
            if (stoppedAt >= 0)
            {
                reader.moveToIndex(stoppedAt);
                stoppedAt = -1;
            }
            if (!exchange.isWritable())
            {
                exchange.whenWritable().toCompletableFuture().orTimeout(writeTimeoutNanos, TimeUnit.NANOSECONDS).whenComplete(
                    (ignored, failure) ->
                {
                    if (failure instanceof TimeoutException)
                    {
                        LOG.warn("binlog dump to {}@{} cut off: the client read nothing of what was sent for {} ms",
                            exchange.session().user(), exchange.session().clientHost(), TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos));
                        exchange.close();
                        end(failure);
                    }
                    else if (failure != null)
                    {
                        end(failure);
                    }
                    else
                    {
                        thread.execute(this::pump);
                    }
                });
            }
            else
            {
                thread.schedule(this::pump, IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final SqlErrorException ex)
        {
            end(ex);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("binlog dump to {}@{} failed after {} events", exchange.session().user(), exchange.session().clientHost(), sent, ex);
            end(ex);
        }
    }

    private void heartbeatIfDue()
    {
        if (start.heartbeatPeriodNanos() > 0 && toldFile != null && clock.nanoTime() - lastSentNanos >= start.heartbeatPeriodNanos())
        {
            send(start.heartbeat(toldFile, lastPosition), false);
        }
    }

    private void onRecord(final RelayLogRecord record)
    {
        if (stoppedAt >= 0)
        {
            return;
        }
        if (record.index() > limit)
        {
            stoppedAt = record.index();
            return;
        }
        checkNotBehind();
        if (!reached && !reach(record))
        {
            return;
        }
        if (!isToldFile(record))
        {
            openFile(record);
        }
        if (record.gtidKind() != GtidKind.NONE)
        {
            skipping = scope.replicaHas().has(record);
        }
        if (!skipping && (scope.annotateRows() || record.eventType() != BinlogEventType.MARIADB_ANNOTATE_ROWS))
        {
            final byte[] event = new byte[record.eventLength()];
            record.buffer().getBytes(record.eventOffset(), event);
            send(event, record.isTransactionEnd());
        }
        lastPosition = record.endPosition();
        if (record.isTransactionEnd())
        {
            skipping = false;
            passed(record.index());
        }
    }

    /** @throws SqlErrorException 1236 when retention deleted records the replica still needed */
    private void checkNotBehind()
    {
        try
        {
            registration.checkNotBehind();
        }
        catch (final ReaderFellBehindException ex)
        {
            throw ArchiveCoverage.fellBehind(ex.getMessage());
        }
    }

    /**
     * Moves the registration past the transaction ending at {@code index}.
     *
     * @throws SqlErrorException 1236 when retention deleted records the replica still needed
     */
    private void passed(final long index)
    {
        try
        {
            registration.advance(index + 1);
        }
        catch (final ReaderFellBehindException ex)
        {
            throw ArchiveCoverage.fellBehind(ex.getMessage());
        }
    }

    /**
     * Passes the records before the position a dump by position starts at, checking that the archive holds that
     * position: an event of the file ends there, or the file is held from its start and the position is its first.
     *
     * @return whether the record is one to serve
     * @throws SqlErrorException 1236 when the archive does not hold the position asked for
     */
    private boolean reach(final RelayLogRecord record)
    {
        final String file = record.sourceFileName();
        if (!sawAny && scope.fromFile() != null && DumpScope.compareFiles(file, scope.fromFile()) > 0)
        {
            throw notHeld("its oldest event is in " + file);
        }
        sawAny = true;
        if (scope.isBeforeStart(file, record.endPosition()))
        {
            if (file.equals(scope.fromFile()))
            {
                endSeenInStartFile = record.endPosition();
            }
            return false;
        }
        final boolean fileStart = scope.fromPosition() == FIRST_EVENT_POSITION && file.equals(scope.fromFile())
            && record.eventType() == BinlogEventType.FORMAT_DESCRIPTION;
        if (scope.fromFile() != null && !fileStart && endSeenInStartFile != scope.fromPosition())
        {
            throw notHeld(endSeenInStartFile < 0 ? "it holds " + file + " from an event ending at " + record.endPosition()
                : "no event it holds ends there");
        }
        reached = true;
        return true;
    }

    private SqlErrorException notHeld(final String why)
    {
        return new SqlErrorException(1236, "HY000", "this node's archive does not hold binlog position " + scope.fromFile() + ":"
            + scope.fromPosition() + " (" + why + "); point the replica at a position the archive holds, or at the source");
    }

    /** Tells the replica of the record's source file, as a source does when it opens the next binlog file. */
    private void openFile(final RelayLogRecord record)
    {
        toldFile = record.sourceFileName();
        toldFileBytes = new byte[record.sourceFileNameLength()];
        record.buffer().getBytes(record.sourceFileNameOffset(), toldFileBytes);
        send(start.rotate(toldFile, FIRST_EVENT_POSITION), false);
        if (record.eventType() != BinlogEventType.FORMAT_DESCRIPTION)
        {
            send(start.formatDescription(), false);
        }
        lastPosition = FIRST_EVENT_POSITION;
    }

    private boolean isToldFile(final RelayLogRecord record)
    {
        final int length = record.sourceFileNameLength();
        if (length != toldFileBytes.length || toldFile == null)
        {
            return false;
        }
        final int offset = record.sourceFileNameOffset();
        for (int i = 0; i < length; i++)
        {
            if (record.buffer().getByte(offset + i) != toldFileBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    private void send(final byte[] event, final boolean transactionEnd)
    {
        sent++;
        lastSentNanos = clock.nanoTime();
        final boolean ackRequested = start.semisync() && transactionEnd;
        exchange.write(new EventPacket(event, start.semisync(), ackRequested)).whenComplete((ignored, failure) ->
        {
            if (failure != null)
            {
                end(failure);
            }
        });
        if (ackRequested)
        {
            exchange.restartSequenceAt(1);
        }
    }

    private void end(final Throwable cause)
    {
        if (ended.completeExceptionally(cause))
        {
            registration.detach();
            thread.execute(reader::close);
            acks.close();
            LOG.info("binlog dump to {}@{} ended after {} events{}: {}", exchange.session().user(), exchange.session().clientHost(), sent,
                start.semisync() ? ", " + acks.count() + " semisync ACKs (last " + acks.last() + ")" : "",
                cause instanceof ClosedChannelException ? "the replica disconnected" : cause.toString());
        }
    }
}

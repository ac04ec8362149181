package io.semisync.replica.serve;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.server.CommandExchange;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Streams the relay log to one downstream replica after COM_BINLOG_DUMP_GTID: every record up to the last durable
 * commit point, as stored, leaving out whole transactions whose GTID the replica already has, then follows the log as
 * it grows. It opens with an artificial ROTATE naming the source file of the first event sent and the source's
 * FORMAT_DESCRIPTION, as the source does. Runs on the serving thread, a batch at a time, and pauses while the connection is not writable, so the
 * archive is never buffered in memory.
 */
final class BinlogDumpStream
{
    private static final Logger LOG = LoggerFactory.getLogger(BinlogDumpStream.class);
    private static final long IDLE_POLL_MILLIS = 5;
    private static final int BATCH = 256;
    private static final long FIRST_EVENT_POSITION = 4;

    private final CommandExchange exchange;
    private final RelayLogReader reader;
    private final GtidSet replicaHas;
    private final LongSupplier durableIndex;
    private final StreamStart start;
    private final ScheduledExecutorService thread;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private long limit;
    private long stoppedAt = -1;
    private boolean skipping;
    private long sent;
    private boolean started;

    BinlogDumpStream(final CommandExchange exchange, final RelayLogReader reader, final GtidSet replicaHas,
        final LongSupplier durableIndex, final StreamStart start, final ScheduledExecutorService thread)
    {
        this.start = start;
        this.exchange = exchange;
        this.reader = reader;
        this.replicaHas = replicaHas;
        this.durableIndex = durableIndex;
        this.thread = thread;
    }

    /** Starts streaming; the stage fails when the connection ends. */
    CompletableFuture<Void> begin()
    {
        thread.execute(this::pump);
        return ended;
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
            }
            if (stoppedAt >= 0)
            {
                reader.moveToIndex(stoppedAt);
                stoppedAt = -1;
            }
            if (!exchange.isWritable())
            {
                exchange.whenWritable().whenComplete((ignored, failure) ->
                {
                    if (failure != null)
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
        catch (final RuntimeException ex)
        {
            LOG.warn("binlog dump to {}@{} failed after {} events", exchange.session().user(), exchange.session().clientHost(), sent, ex);
            end(ex);
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
        if (record.gtidKind() == GtidKind.MYSQL || record.gtidKind() == GtidKind.MYSQL_TAGGED)
        {
            final int at = record.gtidOffset();
            final long msb = record.buffer().getLong(at, ByteOrder.BIG_ENDIAN);
            final long lsb = record.buffer().getLong(at + Long.BYTES, ByteOrder.BIG_ENDIAN);
            final long gno = record.buffer().getLong(at + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            skipping = replicaHas.contains(new UUID(msb, lsb), gno);
        }
        if (!skipping)
        {
            if (!started)
            {
                send(ArtificialRotate.event(start.serverId(), record.sourceFileName(), FIRST_EVENT_POSITION));
                send(start.formatDescription());
                started = true;
            }
            final byte[] event = new byte[record.eventLength()];
            record.buffer().getBytes(record.eventOffset(), event);
            send(event);
        }
        if (record.isTransactionEnd())
        {
            skipping = false;
        }
    }

    private void send(final byte[] event)
    {
        sent++;
        exchange.write(new EventPacket(event)).whenComplete((ignored, failure) ->
        {
            if (failure != null)
            {
                end(failure);
            }
        });
    }

    private void end(final Throwable cause)
    {
        if (ended.completeExceptionally(cause))
        {
            thread.execute(reader::close);
            LOG.info("binlog dump to {}@{} ended after {} events: {}", exchange.session().user(), exchange.session().clientHost(), sent,
                cause.toString());
        }
    }
}

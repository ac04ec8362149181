package io.semisync.replica.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Ticker;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import io.semisync.protocol.binlog.GtidEventFlyweight;
import io.semisync.protocol.binlog.GtidTaggedEventFlyweight;
import io.semisync.protocol.binlog.MariadbGtidEventFlyweight;
import io.semisync.protocol.binlog.QueryEventFlyweight;
import io.semisync.protocol.binlog.RotateEventFlyweight;
import io.semisync.protocol.binlog.SemiSyncAck;
import io.semisync.protocol.binlog.StreamPacketFlyweight;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.session.FatalReplicationException;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RelayLogWriter;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ACK path. Each packet of the dump stream is checked (framing, event size, CRC32), its semisync
 * header read, and its event appended to the relay log with its metadata. When Netty has delivered the
 * packets of one read and the source flagged any of them, everything appended is made durable with one sync
 * and one ACK goes out for the highest flagged position: a burst of commits costs one fsync. While a MariaDB
 * commit group may still be arriving the sync waits a little for the rest of it ({@link SyncPolicy}); what no
 * ACK waits for is synced in bulk on the relay log's background thread, so a catch-up runs at the disk's
 * speed. An ACK never leaves before the sync that covers it has returned. Runs on the channel's event loop,
 * the only thread that touches the relay-log writer; time comes from the event loop's ticker; nothing here
 * allocates per event. Each acknowledged transaction's time is split into {@link LatencyStage}s. A
 * {@link WanEmulation} experiment delays the ACKs or the stream's bytes. With {@link ChainedAcks} an ACK also waits, after
 * its sync, for downstream replicas' ACKs, up to a timeout after which ACKs follow the sync alone until the downstreams
 * catch up, as a source falls back to asynchronous replication.
 */
public final class BinlogStreamHandler extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(BinlogStreamHandler.class);
    /** The weight of the newest lateness in the moving average of a timer's lateness, as 1/n. */
    private static final int LATENESS_WEIGHT = 8;

    private final RelayLogWriter writer;
    private final boolean semisync;
    private final StreamListener listener;
    private final AckLatency ackLatency;
    private final String storedFile;
    private final long storedPosition;
    private final boolean mariadb;
    private final SyncPolicy syncPolicy;
    private final WanEmulation wan;
    private final ChainedAcks chain;
    private final ArrayDeque<ChainedAck> chained = new ArrayDeque<>();
    private final SplittableRandom jitter = new SplittableRandom();

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ExpandableDirectByteBuffer copy = new ExpandableDirectByteBuffer(64 * 1024);
    private final StreamPacketFlyweight packet = new StreamPacketFlyweight();
    private final EventHeaderFlyweight header = new EventHeaderFlyweight();
    private final RotateEventFlyweight rotate = new RotateEventFlyweight();
    private final FormatDescriptionEventFlyweight formatDescription = new FormatDescriptionEventFlyweight();
    private final GtidEventFlyweight gtid = new GtidEventFlyweight();
    private final GtidTaggedEventFlyweight taggedGtid = new GtidTaggedEventFlyweight();
    private final MariadbGtidEventFlyweight mariadbGtid = new MariadbGtidEventFlyweight();
    private final QueryEventFlyweight query = new QueryEventFlyweight();
    private final BinlogChecksum checksum = new BinlogChecksum();
    private final EventMetadata metadata = new EventMetadata();
    private final TransactionBoundaries transactions = new TransactionBoundaries();
    private final SemiSyncAck ack = new SemiSyncAck();
    private final AckTimes ackTimes = new AckTimes();
    private final AwaitedTransactions awaited = new AwaitedTransactions();
    private final TransactionId transaction = new TransactionId();
    private final StreamPosition position;

    private final long heartbeatPeriodNanos;
    private Ticker ticker;
    private ReadArrival arrival;
    /** Added to the ticker's time to give the wall-clock receive time the relay log stores (epoch nanoseconds). */
    private long epochOffsetNanos;
    private Runnable groupWaitTask;
    private Runnable backgroundSyncTask;
    private Runnable chainTimeoutTask;
    private Runnable chainWake;
    private ScheduledFuture<?> chainTimeout;
    /**
     * The last position ACKed when the chain fell back: the chain resumes when the downstreams reach it (not the latest ACK,
     * which a downstream a few milliseconds behind would never reach under a steady load).
     */
    private String fallbackFile;
    private long fallbackPosition;
    private ScheduledFuture<?> livenessCheck;
    private ScheduledFuture<?> groupWait;
    private ScheduledFuture<?> idleSync;
    private Runnable syncedInBackground;
    private long lastReadNanos;
    private int checksumLength;
    private boolean broken;
    private boolean closeReported;
    private boolean resumeAckPending;
    private boolean unsynced;
    private long unsyncedBytes;
    /** The last transaction is one of a MariaDB commit group whose other transactions may still be arriving. */
    private boolean groupOpen;
    private long pendingAckPosition = -1;
    /** The end position in the source's file of the event being handled (see {@link #endPositionOf}). */
    private long eventEndPosition;
    private String pendingAckFile;
    private long pendingAckArrivalNanos;
    /** When the first bytes of the transaction now arriving came, and when it committed on the source (epoch, or -1). */
    private long transactionFirstNanos;
    private long transactionCommitEpochNanos = -1;
    /** A GTID event began a transaction whose end is not stored yet. */
    private boolean transactionOpen;
    /** When the latest delayed ACK is due: a later one never leaves before it. */
    private long lastAckDueNanos;
    /** How late the delayed ACKs' timers fired, on average; they are scheduled that much earlier. */
    private long timerLatenessNanos;

    /**
     * @param writer         the relay-log writer, used only from this handler's event loop from now on
     * @param crc32          whether the source's events end with a CRC32 ({@code binlog_checksum=CRC32})
     * @param semisync       whether the dump was registered as semisync
     * @param mariadb        whether the source is MariaDB (its GTID events carry an implicit BEGIN)
     * @param storedFile     source file of the last stored event, null if none: older events are skipped
     * @param storedPosition end position of the last stored event in {@code storedFile}
     * @param heartbeatPeriod the heartbeat period asked of the source; silence for
     *                       {@link ReplicaConfig#MISSED_HEARTBEATS_BEFORE_RECONNECT} periods closes the stream
     * @param syncPolicy     when to sync what no ACK waits for, and how long an ACK waits for a commit group
     * @param wan            the distant-replica experiment, {@link WanEmulation#NONE} in production
     * @param chain          the downstream ACKs each ACK waits for, null when it waits for none
     */
    public BinlogStreamHandler(
        final RelayLogWriter writer,
        final boolean crc32,
        final boolean semisync,
        final boolean mariadb,
        final String storedFile,
        final long storedPosition,
        final Duration heartbeatPeriod,
        final SyncPolicy syncPolicy,
        final WanEmulation wan,
        final ChainedAcks chain,
        final StreamListener listener,
        final AckLatency ackLatency)
    {
        this.writer = writer;
        this.checksumLength = crc32 ? BinlogChecksum.LENGTH : 0;
        this.semisync = semisync;
        this.mariadb = mariadb;
        this.storedFile = storedFile;
        this.storedPosition = storedPosition;
        this.listener = listener;
        this.ackLatency = ackLatency;
        this.position = new StreamPosition(storedFile, storedPosition);
        this.heartbeatPeriodNanos = heartbeatPeriod.toNanos();
        this.syncPolicy = syncPolicy;
        this.wan = wan;
        this.chain = chain;
        this.resumeAckPending = semisync && storedFile != null;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        ticker = ctx.executor().ticker();
        measureEpochOffset();
        arrival = new ReadArrival(ticker);
        ctx.pipeline().addFirst(ReadArrival.NAME, arrival);
        if (!wan.receiveDelay().isZero())
        {
            ctx.pipeline().addFirst(ReceiveDelay.NAME, new ReceiveDelay(wan.receiveDelay().toNanos(), ticker));
        }
        groupWaitTask = () ->
        {
            groupWait = null;
            flush(ctx);
        };
        backgroundSyncTask = this::syncInBackground;
        syncedInBackground = () ->
        {
            if (!ctx.executor().isShuttingDown())
            {
                ctx.executor().execute(() ->
                {
                    if (!broken)
                    {
                        listener.onSyncedInBackground();
                    }
                });
            }
        };
        if (chain != null)
        {
            chainTimeoutTask = () -> chainTimedOut(ctx);
            chainWake = () -> ctx.executor().execute(() -> chainAdvanced(ctx));
            chain.onAdvance(chainWake);
        }
        lastReadNanos = ticker.nanoTime();
        livenessCheck = ctx.executor().scheduleAtFixedRate(() -> checkLiveness(ctx), heartbeatPeriodNanos, heartbeatPeriodNanos,
            TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        livenessCheck.cancel(false);
        cancel(groupWait);
        cancel(idleSync);
        if (chain != null)
        {
            chain.stopRunning(chainWake);
            cancel(chainTimeout);
        }
        if (ctx.pipeline().context(arrival) != null)
        {
            ctx.pipeline().remove(arrival);
        }
        if (ctx.pipeline().context(ReceiveDelay.NAME) != null)
        {
            ctx.pipeline().remove(ReceiveDelay.NAME);
        }
    }

    /** Relates the ticker to the wall clock to the microsecond; again every heartbeat period, as the clock may be slewed. */
    private void measureEpochOffset()
    {
        final Instant now = Clock.systemUTC().instant();
        epochOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - ticker.nanoTime();
    }

    private static void cancel(final ScheduledFuture<?> task)
    {
        if (task != null)
        {
            task.cancel(false);
        }
    }

    private void checkLiveness(final ChannelHandlerContext ctx)
    {
        measureEpochOffset();
        final long silentNanos = ticker.nanoTime() - lastReadNanos;
        if (silentNanos > ReplicaConfig.MISSED_HEARTBEATS_BEFORE_RECONNECT * heartbeatPeriodNanos)
        {
            exceptionCaught(ctx, new BinlogStreamException("no event or heartbeat from the source for "
                + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms: the connection is presumed dead"));
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf payload = (ByteBuf)msg;
        try
        {
            if (!broken && !listener.isCurrent())
            {
                exceptionCaught(ctx, new BinlogStreamException("the replica no longer follows this connection to the source: "
                    + "it is closed without storing anything more"));
            }
            else if (!broken)
            {
                lastReadNanos = ticker.nanoTime();
                final long arrivalNanos = arrival.nanos();
                if (resumeAckPending)
                {
                    ackStoredPosition(arrivalNanos);
                }
                wrap(payload);
                onPacket(payload, arrivalNanos);
            }
        }
        catch (final RuntimeException ex)
        {
            broken = true;
            throw ex;
        }
        finally
        {
            payload.release();
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        flush(ctx);
        ctx.fireChannelReadComplete();
    }

    /**
     * After a read, or when a wait scheduled by an earlier one ends: syncs and ACKs what the source waits for, unless
     * a commit group may still be arriving; otherwise leaves the sync to the background thread.
     */
    private void flush(final ChannelHandlerContext ctx)
    {
        if (broken)
        {
            return;
        }
        if (pendingAckPosition >= 0)
        {
            if (groupOpen)
            {
                final long waitNanos = Math.min(lastReadNanos + syncPolicy.groupWaitNanos(),
                    pendingAckArrivalNanos + SyncPolicy.MAX_GROUP_WAITS * syncPolicy.groupWaitNanos()) - ticker.nanoTime();
                if (waitNanos > 0)
                {
                    if (groupWait == null)
                    {
                        groupWait = ctx.executor().schedule(groupWaitTask, waitNanos, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
            }
            syncAndAck(ctx);
        }
        else if (unsynced)
        {
            syncLater(ctx);
        }
    }

    /** Leaves what is unsynced in the cycle files to the background thread: now if it is much, else soon. */
    private void syncLater(final ChannelHandlerContext ctx)
    {
        if (unsyncedBytes >= syncPolicy.bulkSyncBytes())
        {
            syncInBackground();
        }
        else if (idleSync == null || idleSync.isDone())
        {
            idleSync = ctx.executor().schedule(backgroundSyncTask, syncPolicy.idleSyncNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void syncAndAck(final ChannelHandlerContext ctx)
    {
        if (groupWait != null)
        {
            groupWait.cancel(false);
            groupWait = null;
        }
        final long syncStart = ticker.nanoTime();
        if (chain != null)
        {
            // downstream replicas read only what the cycle files hold synced
            writer.sync();
        }
        else
        {
            writer.syncForAck();
        }
        final long syncEnd = ticker.nanoTime();
        final long covered = awaited.end();
        if (chain != null)
        {
            listener.onSyncedForChain();
            chainAck(ctx, covered, new AckTimes().synced(syncStart, syncEnd));
        }
        else if (wan.delaysAcks())
        {
            delayAck(ctx, pendingAckFile, pendingAckPosition, covered, new AckTimes().synced(syncStart, syncEnd));
        }
        else
        {
            sendAck(ctx, pendingAckFile, pendingAckPosition, covered, ackTimes.synced(syncStart, syncEnd));
        }
        pendingAckPosition = -1;
        if (writer.lastDurableIndex() == writer.lastAppendedIndex())
        {
            unsynced = false;
            unsyncedBytes = 0;
        }
        else
        {
            syncLater(ctx);
        }
    }

    /** An ACK synced and waiting for downstream ACKs, since {@code syncedNanos}. */
    private record ChainedAck(String file, long position, long covered, AckTimes times, long syncedNanos)
    {
    }

    private void chainAck(final ChannelHandlerContext ctx, final long covered, final AckTimes times)
    {
        if (!chain.active())
        {
            release(ctx, pendingAckFile, pendingAckPosition, covered, times);
            return;
        }
        chained.add(new ChainedAck(pendingAckFile, pendingAckPosition, covered, times, ticker.nanoTime()));
        releaseChained(ctx);
    }

    /** On the event loop, after the downstreams' position moved. */
    private void chainAdvanced(final ChannelHandlerContext ctx)
    {
        if (broken)
        {
            return;
        }
        if (!chain.active() && (fallbackFile == null || chain.covers(fallbackFile, fallbackPosition)))
        {
            chain.resume();
            LOG.info("{} downstream replica(s) caught up with {}: ACKs to the source wait for them again", chain.needed(),
                chain.reached());
        }
        releaseChained(ctx);
    }

    /** Sends the waiting ACKs the downstreams have reached, and watches the oldest of the rest. */
    private void releaseChained(final ChannelHandlerContext ctx)
    {
        ChainedAck head;
        while ((head = chained.peek()) != null && chain.covers(head.file(), head.position()))
        {
            chained.poll();
            release(ctx, head.file(), head.position(), head.covered(), head.times());
        }
        cancel(chainTimeout);
        chainTimeout = head == null ? null
            : ctx.executor().schedule(chainTimeoutTask, head.syncedNanos() + chain.timeoutNanos() - ticker.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** The oldest waiting ACK waited the whole timeout: ACK everything synced, and from now on after the sync alone. */
    private void chainTimedOut(final ChannelHandlerContext ctx)
    {
        chainTimeout = null;
        if (broken || chained.isEmpty())
        {
            return;
        }
        chain.fallBack();
        LOG.warn("no ACK from {} downstream replica(s) for {}:{} within {} ms: ACKing to the source after our own sync alone "
            + "until they catch up", chain.needed(), chained.peek().file(), chained.peek().position(),
            TimeUnit.NANOSECONDS.toMillis(chain.timeoutNanos()));
        ChainedAck head;
        while ((head = chained.poll()) != null)
        {
            fallbackFile = head.file();
            fallbackPosition = head.position();
            release(ctx, head.file(), head.position(), head.covered(), head.times());
        }
    }

    private void release(final ChannelHandlerContext ctx, final String file, final long position, final long covered,
        final AckTimes times)
    {
        if (wan.delaysAcks())
        {
            delayAck(ctx, file, position, covered, times);
        }
        else
        {
            sendAck(ctx, file, position, covered, times);
        }
    }

    private void sendAck(final ChannelHandlerContext ctx, final String file, final long position, final long covered,
        final AckTimes times)
    {
        final long sendStart = ticker.nanoTime();
        ctx.writeAndFlush(ack.fileName(file).position(position), ctx.voidPromise());
        awaited.acknowledge(covered, times.sent(sendStart, ticker.nanoTime()), epochOffsetNanos, ackLatency);
        ackLatency.recordAck();
        listener.onAck(file, position);
    }

    /**
     * The experiment's ACK delay: the ACK leaves later, never before an earlier one; the stream goes on meanwhile. A timer
     * fires a little late (the loop's wake-up), so the task is scheduled earlier by the lateness seen so far (a moving
     * average): the delay the ACK gets stays the one asked for.
     */
    private void delayAck(final ChannelHandlerContext ctx, final String file, final long position, final long covered,
        final AckTimes times)
    {
        final long now = ticker.nanoTime();
        final long due = Math.max(lastAckDueNanos, now + wan.nextAckDelayNanos(jitter));
        lastAckDueNanos = due;
        ctx.executor().schedule(() ->
        {
            timerLatenessNanos += (ticker.nanoTime() - due) / LATENESS_WEIGHT;
            if (!broken)
            {
                sendAck(ctx, file, position, covered, times);
            }
        }, Math.max(0, due - now - timerLatenessNanos), TimeUnit.NANOSECONDS);
    }

    /** What a background sync covers no ACK waited for: its transactions' stages are not recorded. */
    private void syncInBackground()
    {
        if (!broken && unsynced && writer.syncInBackground(syncedInBackground))
        {
            unsynced = false;
            unsyncedBytes = 0;
            awaited.forgetUpTo(awaited.end());
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        reportClosed(null);
        ctx.fireChannelInactive();
    }

    /**
     * Ends the stream: after a bad packet nothing more of this connection is stored or acknowledged, not even
     * packets Netty has already decoded in the same read, since they may complete a transaction that lost an
     * event. The replica reconnects and drops the incomplete transaction.
     */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        broken = true;
        reportClosed(cause);
        ctx.close();
    }

    /** Tells the listener once, with the first cause: a failure is followed by the close it causes. */
    private void reportClosed(final Throwable cause)
    {
        if (!closeReported)
        {
            closeReported = true;
            listener.onStreamClosed(cause);
        }
    }

    /**
     * On the first packet of a resumed semisync stream (the source is then in dump mode and listens for ACKs),
     * acknowledges what the relay log already holds durably. An ACK lost with the previous connection would
     * otherwise leave the source waiting for a transaction it will not send again, until its timeout.
     */
    private void ackStoredPosition(final long arrivalNanos)
    {
        resumeAckPending = false;
        pendingAckPosition = storedPosition;
        pendingAckFile = storedFile;
        pendingAckArrivalNanos = arrivalNanos;
    }

    private void wrap(final ByteBuf payload)
    {
        final int length = payload.readableBytes();
        if (payload.hasMemoryAddress())
        {
            view.wrap(payload.memoryAddress() + payload.readerIndex(), length);
        }
        else if (payload.hasArray())
        {
            view.wrap(payload.array(), payload.arrayOffset() + payload.readerIndex(), length);
        }
        else
        {
            copy.checkLimit(length);
            payload.getBytes(payload.readerIndex(), copy.byteBuffer().duplicate().clear().limit(length));
            view.wrap(copy, 0, length);
        }
    }

    private void onPacket(final ByteBuf payload, final long readNanos)
    {
        packet.wrap(view, 0, view.capacity(), semisync);
        if (packet.isError())
        {
            throw ErrPacket.toException(payload);
        }
        if (packet.isEndOfStream())
        {
            throw new BinlogStreamException("the source ended the binlog stream at " + where());
        }
        final int offset = packet.eventOffset();
        final int length = packet.eventLength();
        if (length < EventHeaderFlyweight.LENGTH + checksumLength)
        {
            throw new BinlogStreamException("event of " + length + " bytes is shorter than an event header at " + where());
        }
        header.wrap(view, offset);
        if (header.eventSize() != length)
        {
            throw new BinlogStreamException("event announces " + header.eventSize() + " bytes but its packet holds "
                + length + " at " + where());
        }
        final int type = header.type();
        eventEndPosition = endPositionOf(length);
        if (checksumLength > 0 && !checksum.matches(view, offset, length))
        {
            throw new BinlogChecksumException("CRC32 mismatch in " + BinlogEventType.name(type) + " event ending at "
                + position.fileName() + ":" + eventEndPosition + " (" + length + " bytes): the event was corrupted in transit");
        }
        if (packet.ackNeeded() && pendingAckPosition < 0)
        {
            pendingAckArrivalNanos = readNanos;
        }
        onEvent(type, offset, length, readNanos);
        if (packet.ackNeeded())
        {
            pendingAckPosition = eventEndPosition;
            pendingAckFile = position.fileName();
        }
    }

    private void onEvent(final int type, final int offset, final int length, final long readNanos)
    {
        switch (type)
        {
            case BinlogEventType.HEARTBEAT:
            case BinlogEventType.HEARTBEAT_V2:
                return;
            case BinlogEventType.ROTATE:
                rotate.wrap(view, offset, length, checksumLength);
                if (!header.isArtificial())
                {
                    store(type, offset, length, readNanos, true);
                }
                position.rotateTo(rotate.fileName(), rotate.position());
                return;
            case BinlogEventType.FORMAT_DESCRIPTION:
                formatDescription.wrap(view, offset, length);
                checksumLength = formatDescription.checksumAlgorithm() == BinlogChecksum.ALGORITHM_CRC32 ? BinlogChecksum.LENGTH : 0;
                listener.onFormatDescription(view, offset, length);
                break;
            case BinlogEventType.GTID_TAGGED:
                transactions.gtid(false);
                groupOpen = false;
                taggedGtid.wrap(view, offset, length);
                transactionStarts(readNanos, taggedGtid.immediateCommitMicros());
                metadata.mysqlTaggedGtid(taggedGtid.uuidBytes(), 0, taggedGtid.gno(), view, taggedGtid.tagOffset(), taggedGtid.tagLength());
                transaction.mysqlTagged(taggedGtid.uuidMostSignificantBits(), taggedGtid.uuidLeastSignificantBits(), taggedGtid.gno(),
                    view, taggedGtid.tagOffset(), taggedGtid.tagLength());
                store(type, offset, length, readNanos, false);
                return;
            case BinlogEventType.GTID:
            case BinlogEventType.ANONYMOUS_GTID:
                transactions.gtid(false);
                groupOpen = false;
                gtid.wrap(view, offset, length);
                transactionStarts(readNanos, gtid.immediateCommitMicros());
                if (type == BinlogEventType.GTID)
                {
                    metadata.mysqlGtid(view, gtid.gtidBytesOffset(), gtid.gno());
                    transaction.mysql(gtid.uuidMostSignificantBits(), gtid.uuidLeastSignificantBits(), gtid.gno());
                }
                else
                {
                    transaction.none();
                }
                store(type, offset, length, readNanos, false);
                return;
            case BinlogEventType.MARIADB_GTID:
                mariadbGtid.wrap(view, offset, length);
                transactions.gtid(mariadb && !mariadbGtid.isStandalone());
                groupOpen = mariadbGtid.isInCommitGroup();
                transactionStarts(readNanos, -1);
                metadata.mariaDbGtid((int)mariadbGtid.domain(), (int)header.serverId(), mariadbGtid.sequence());
                transaction.mariadb(mariadbGtid.domain(), header.serverId(), mariadbGtid.sequence());
                store(type, offset, length, readNanos, false);
                return;
            default:
                break;
        }
        final boolean isQuery = type == BinlogEventType.QUERY;
        if (isQuery)
        {
            query.wrap(view, offset, length, checksumLength);
        }
        final boolean completes = transactions.completes(type, isQuery && query.isBegin(), isQuery && query.isCommitOrRollback());
        store(type, offset, length, readNanos, completes);
    }

    /**
     * The end position of the event in the header just read. MariaDB 11 leaves it 0 in the events inside a transaction
     * ({@code binlog_legacy_event_pos=OFF}, its default): they follow the transaction's GTID event back to back in the
     * source's file, so it is where the previous event ended plus this one's length. Outside a transaction a 0 marks an
     * event the source made up for this stream (an artificial ROTATE, a FORMAT_DESCRIPTION sent mid-file), never stored.
     */
    private long endPositionOf(final int length)
    {
        final long logPos = header.logPos();
        return logPos == 0 && transactions.inTransaction() && !header.isArtificial() ? position.position() + length : logPos;
    }

    /**
     * A GTID event begins a transaction. MariaDB's events carry only the second the statement began, so there the source's
     * commit time is unknown.
     */
    private void transactionStarts(final long readNanos, final long commitMicros)
    {
        transactionOpen = true;
        transactionFirstNanos = readNanos;
        transactionCommitEpochNanos = commitMicros < 0 ? -1 : commitMicros * 1_000L;
    }

    /**
     * Appends the event unless it is artificial or already stored. The GTID of the transaction it belongs to goes
     * with it; once an event completes its unit, the events that follow carry no GTID until the next GTID event.
     */
    private void store(final int type, final int offset, final int length, final long readNanos, final boolean completes)
    {
        final long endPosition = eventEndPosition;
        if (endPosition != 0)
        {
            if (!position.alreadyStored(endPosition, storedFile, storedPosition))
            {
                append(type, offset, length, readNanos, completes, endPosition);
            }
            position.advanceTo(endPosition);
        }
        if (completes)
        {
            metadata.noGtid();
        }
    }

    private void append(final int type, final int offset, final int length, final long readNanos, final boolean completes,
        final long endPosition)
    {
        final int flags = (completes ? RecordFlags.TRANSACTION_END : 0) | (packet.ackNeeded() ? RecordFlags.ACK_REQUESTED : 0);
        metadata.sourceFileName(position.fileName())
            .eventType(type)
            .eventTimestamp(header.timestamp())
            .endPosition(endPosition)
            .receiveTimeNanos(readNanos + epochOffsetNanos)
            .flags(flags);
        writer.append(metadata, view, offset, length);
        if (completes && transactionOpen && semisync)
        {
            transactionOpen = false;
            transaction.end(position.fileName(), endPosition);
            awaited.add(transaction, transactionCommitEpochNanos, transactionFirstNanos, readNanos);
        }
        unsynced = true;
        unsyncedBytes += length;
        listener.onEventStored(type, completes);
    }

    private String where()
    {
        return position.fileName() + ":" + position.position();
    }
}

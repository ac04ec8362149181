package io.semisync.replica.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.binlog.CapturedMysqlEvents;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.SemiSyncAck;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.session.FatalReplicationException;
import io.semisync.replica.session.GtidText;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.semisync.replica.stream.StreamEvents.SOURCE_UUID;
import static io.semisync.replica.stream.StreamEvents.gtid;
import static io.semisync.replica.stream.StreamEvents.heartbeat;
import static io.semisync.replica.stream.StreamEvents.query;
import static io.semisync.replica.stream.StreamEvents.rotate;
import static io.semisync.replica.stream.StreamEvents.semisyncPacket;
import static io.semisync.replica.stream.StreamEvents.xid;
import static org.assertj.core.api.Assertions.assertThat;

class BinlogStreamHandlerTest
{
    private static final String FILE = "binlog.000003";
    private static final Duration QUIET = Duration.ofMinutes(10);
    private static final long GROUP_WAIT_NANOS = 100_000;
    private static final long IDLE_SYNC_NANOS = 50_000_000;
    private static final SyncPolicy SYNC_POLICY = new SyncPolicy(GROUP_WAIT_NANOS, 1 << 20, IDLE_SYNC_NANOS);

    @TempDir
    Path directory;

    private RelayLog relayLog;
    private RelayLogWriter writer;
    private final RecordingListener listener = new RecordingListener();
    private final AckLatency ackLatency = new AckLatency();

    @BeforeEach
    void openRelayLog()
    {
        relayLog = RelayLog.open(new RelayLogConfig().directory(directory).blockSize(4L << 20).validate());
        writer = relayLog.openWriter();
    }

    @AfterEach
    void closeRelayLog()
    {
        writer.close();
        relayLog.close();
    }

    private EmbeddedChannel channel(final boolean semisync, final boolean mariadb, final String storedFile, final long storedPosition)
    {
        return new EmbeddedChannel(new AckProbe(), handler(semisync, mariadb, storedFile, storedPosition));
    }

    private BinlogStreamHandler handler(final boolean semisync, final boolean mariadb, final String storedFile, final long storedPosition)
    {
        return new BinlogStreamHandler(writer, true, semisync, mariadb, storedFile, storedPosition, QUIET, SYNC_POLICY, WanEmulation.NONE,
            null, listener, ackLatency);
    }

    /** A semisync stream under a distant-replica experiment, its clock frozen for the test to advance. */
    private EmbeddedChannel emulatedChannel(final WanEmulation wan)
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), new BinlogStreamHandler(writer, true, true, false, null, 0,
            QUIET, SYNC_POLICY, wan, null, listener, ackLatency));
        return channel;
    }

    /** A channel whose clock is frozen before the handlers are added, so that their first reading of time is the test's. */
    private static EmbeddedChannel frozenChannel(final ChannelHandler... handlers)
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(handlers);
        return channel;
    }

    private static void advance(final EmbeddedChannel channel, final long nanos)
    {
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
    }

    private static void readTransactionUpToItsRows(final EmbeddedChannel channel)
    {
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, CapturedMysqlEvents.FORMAT_DESCRIPTION),
            semisyncPacket(false, CapturedMysqlEvents.GTID),
            semisyncPacket(false, CapturedMysqlEvents.QUERY_BEGIN),
            semisyncPacket(false, CapturedMysqlEvents.TABLE_MAP),
            semisyncPacket(false, CapturedMysqlEvents.WRITE_ROWS));
    }

    private EmbeddedChannel semisyncChannel()
    {
        return channel(true, false, null, 0);
    }

    /** Delivers packets as one read of the framing layer, without the read-complete that triggers the sync. */
    private static void read(final EmbeddedChannel channel, final ByteBuf... payloads)
    {
        for (final ByteBuf payload : payloads)
        {
            channel.pipeline().fireChannelRead(payload);
        }
    }

    private static void readComplete(final EmbeddedChannel channel)
    {
        channel.pipeline().fireChannelReadComplete();
    }

    @Test
    void storesARealTransactionWithItsMetadataAndAcksItsXidAfterTheSync()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, CapturedMysqlEvents.FORMAT_DESCRIPTION),
            semisyncPacket(false, CapturedMysqlEvents.GTID),
            semisyncPacket(false, CapturedMysqlEvents.QUERY_BEGIN),
            semisyncPacket(false, CapturedMysqlEvents.TABLE_MAP),
            semisyncPacket(false, CapturedMysqlEvents.WRITE_ROWS),
            semisyncPacket(true, CapturedMysqlEvents.XID));

        assertThat(channel.<Object>readOutbound()).as("no ACK before the sync").isNull();
        assertThat(writer.lastDurableIndex()).isLessThan(writer.lastAppendedIndex());

        readComplete(channel);

        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.fileName()).isEqualTo(FILE);
        assertThat(ack.position()).isEqualTo(863);
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(listener.acks).containsExactly(FILE + ":863");
        assertThat(ackLatency.count()).isEqualTo(1);
        final String gtid = SOURCE_UUID + ":3";
        assertThat(stored()).containsExactly(
            "FORMAT_DESCRIPTION " + FILE + ":127 - commit",
            "GTID " + FILE + ":666 " + gtid + " -",
            "QUERY " + FILE + ":737 " + gtid + " -",
            "TABLE_MAP " + FILE + ":789 " + gtid + " -",
            "WRITE_ROWS " + FILE + ":832 " + gtid + " -",
            "XID " + FILE + ":863 " + gtid + " commit ack");
        assertThat(listener.stored).containsExactly("FORMAT_DESCRIPTION commit", "GTID", "QUERY", "TABLE_MAP", "WRITE_ROWS", "XID commit");
        assertThat(listener.closed).isEmpty();
        assertFalseFinish(channel);
    }

    @Test
    void eachAcknowledgedTransactionsTimeIsSplitIntoStages()
    {
        final EmbeddedChannel channel = emulatedChannel(WanEmulation.NONE);
        readTransactionUpToItsRows(channel);
        readComplete(channel);
        advance(channel, 300_000);
        read(channel, semisyncPacket(true, CapturedMysqlEvents.XID));
        readComplete(channel);

        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(863);
        assertThat(ackLatency.nanos(LatencyStage.RECEIVE).getValueAtPercentile(50))
            .as("from the read that brought the GTID event to the one that brought the XID").isBetween(299_000L, 301_000L);
        assertThat(ackLatency.nanos(LatencyStage.TOTAL).getTotalCount()).isEqualTo(1);
        assertThat(ackLatency.nanos(LatencyStage.DELAY).getMaxValue()).isZero();
        assertThat(ackLatency.nanos(LatencyStage.COMMIT_TO_ACK).getTotalCount())
            .as("the GTID event carries MySQL's immediate_commit_timestamp").isEqualTo(1);
        assertFalseFinish(channel);
    }

    @Test
    void anAckForACommitGroupTimesEachOfItsTransactions()
    {
        final EmbeddedChannel channel = emulatedChannel(WanEmulation.NONE);
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 1, 200)),
            semisyncPacket(false, query("CREATE TABLE a (id INT)", 300)),
            semisyncPacket(false, gtid(SOURCE_UUID, 2, 360)),
            semisyncPacket(true, query("CREATE TABLE b (id INT)", 460)));
        readComplete(channel);

        assertThat(channel.<SemiSyncAck>readOutbound().position()).as("MySQL flags only a group's last transaction").isEqualTo(460);
        assertThat(ackLatency.count()).isEqualTo(1);
        assertThat(ackLatency.nanos(LatencyStage.TOTAL).getTotalCount()).as("both transactions the ACK covers").isEqualTo(2);
        assertFalseFinish(channel);
    }

    @Test
    void whatABackgroundSyncCoveredIsNotTimedAsAcknowledged()
    {
        final EmbeddedChannel channel = emulatedChannel(WanEmulation.NONE);
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 1, 200)),
            semisyncPacket(false, query("CREATE TABLE a (id INT)", 300)));
        readComplete(channel);
        advance(channel, IDLE_SYNC_NANOS);
        read(channel, semisyncPacket(false, gtid(SOURCE_UUID, 2, 360)), semisyncPacket(true, query("CREATE TABLE b (id INT)", 460)));
        readComplete(channel);

        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(460);
        assertThat(ackLatency.nanos(LatencyStage.TOTAL).getTotalCount()).as("the transaction the source waited for").isEqualTo(1);
        assertFalseFinish(channel);
    }

    @Test
    void anAckDelayHoldsTheSyncedAckForTheDelay()
    {
        final long delay = 2_000_000;
        final EmbeddedChannel channel = emulatedChannel(new WanEmulation(Duration.ofNanos(delay), Duration.ZERO, Duration.ZERO));
        readTransactionUpToItsRows(channel);
        read(channel, semisyncPacket(true, CapturedMysqlEvents.XID));
        readComplete(channel);

        assertThat(writer.lastDurableIndex()).as("synced at once").isEqualTo(writer.lastAppendedIndex());
        advance(channel, delay - 1);
        assertThat(channel.<Object>readOutbound()).as("the ACK waits out the delay").isNull();
        assertThat(listener.acks).isEmpty();

        advance(channel, 1);

        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(863);
        assertThat(listener.acks).containsExactly(FILE + ":863");
        assertThat(ackLatency.nanos(LatencyStage.DELAY).getValueAtPercentile(50)).isBetween(delay - 2_000, delay + 2_000);
        assertFalseFinish(channel);
    }

    /** A semisync stream whose ACKs wait for {@code chain}, its clock frozen for the test to advance. */
    private EmbeddedChannel chainedChannel(final ChainedAcks chain)
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), new BinlogStreamHandler(writer, true, true, false, null, 0,
            QUIET, SYNC_POLICY, WanEmulation.NONE, chain, listener, ackLatency));
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)));
        return channel;
    }

    /** Reads one transaction of MySQL events from {@code position} and ends the read; returns its end position. */
    private static long readTransaction(final EmbeddedChannel channel, final long gno, final long position)
    {
        read(channel, semisyncPacket(false, gtid(SOURCE_UUID, gno, position + 60)),
            semisyncPacket(false, query("BEGIN", position + 110)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V2, position + 150)),
            semisyncPacket(true, xid(gno, position + 181)));
        readComplete(channel);
        return position + 181;
    }

    @Test
    void aChainedAckWaitsForTheDownstreamAcksAfterTheSync()
    {
        final ChainedAcks chain = new ChainedAcks(2, 300_000_000);
        final ChainedAcks.Downstream first = chain.join();
        final ChainedAcks.Downstream second = chain.join();
        final EmbeddedChannel channel = chainedChannel(chain);
        final long end = readTransaction(channel, 1, 1_000);

        assertThat(writer.lastDurableIndex()).as("synced at once").isEqualTo(writer.lastAppendedIndex());
        assertThat(channel.<Object>readOutbound()).as("waits for the downstreams").isNull();
        first.acked(FILE, end);
        second.acked(FILE, end - 1);
        channel.runPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("one of two downstreams is not there yet").isNull();

        second.acked(FILE, end);
        channel.runPendingTasks();

        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(end);
        assertThat(listener.acks).containsExactly(FILE + ":" + end);
        assertThat(chain.active()).isTrue();
        assertThat(chain.timeouts()).isZero();
        assertFalseFinish(channel);
    }

    @Test
    void aChainedAckThatTimesOutFallsBackToTheSyncAloneUntilTheDownstreamsCatchUp()
    {
        final long timeout = 300_000_000;
        final ChainedAcks chain = new ChainedAcks(1, timeout);
        final ChainedAcks.Downstream downstream = chain.join();
        final EmbeddedChannel channel = chainedChannel(chain);
        final long first = readTransaction(channel, 1, 1_000);
        advance(channel, timeout - 1);
        assertThat(channel.<Object>readOutbound()).as("waits up to the timeout").isNull();

        advance(channel, 1);

        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(first);
        assertThat(chain.active()).isFalse();
        assertThat(chain.timeouts()).isOne();
        final long second = readTransaction(channel, 2, first);
        assertThat(channel.<SemiSyncAck>readOutbound().position()).as("after the sync alone, fallen back").isEqualTo(second);

        downstream.acked(FILE, first - 1);
        channel.runPendingTasks();
        assertThat(chain.active()).as("not caught up with the ACK sent when it fell back").isFalse();
        downstream.acked(FILE, first);
        channel.runPendingTasks();
        assertThat(chain.active()).as("caught up with it, though not with the later ACK").isTrue();
        downstream.acked(FILE, second);
        channel.runPendingTasks();

        final long third = readTransaction(channel, 3, second);
        assertThat(channel.<Object>readOutbound()).as("waits for the downstream again").isNull();
        downstream.close();
        advance(channel, timeout);
        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(third);
        assertThat(chain.timeouts()).isEqualTo(2);
        assertThat(listener.acks).hasSize(3);
        assertFalseFinish(channel);
    }

    @Test
    void aReceiveDelayHandsTheStreamOnLater()
    {
        final long delay = 1_000_000;
        final EmbeddedChannel channel = emulatedChannel(new WanEmulation(Duration.ZERO, Duration.ZERO, Duration.ofNanos(delay)));
        readTransactionUpToItsRows(channel);
        read(channel, semisyncPacket(true, CapturedMysqlEvents.XID));
        readComplete(channel);
        advance(channel, delay - 1);
        assertThat(listener.stored).as("nothing taken in before the delay").isEmpty();

        advance(channel, 1);

        assertThat(listener.stored).hasSize(6);
        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(863);
        assertFalseFinish(channel);
    }

    @Test
    void storedEventsCarryTheirWallClockReceiveTime()
    {
        final long before = System.currentTimeMillis();
        final EmbeddedChannel channel = semisyncChannel();
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)), semisyncPacket(true, query("CREATE TABLE t (id INT)", 400)));
        readComplete(channel);
        final long after = System.currentTimeMillis();

        final List<Long> receiveMillis = new ArrayList<>();
        try (RelayLogReader reader = relayLog.openReader())
        {
            reader.poll(record -> receiveMillis.add(record.receiveTimeNanos() / 1_000_000L), Integer.MAX_VALUE);
        }
        assertThat(receiveMillis).singleElement().satisfies(millis -> assertThat(millis).isBetween(before - 1_000, after + 1_000));
        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(400);
        assertFalseFinish(channel);
    }

    @Test
    void storedEventsKeepTheirBytes()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)), semisyncPacket(true, CapturedMysqlEvents.XID));
        readComplete(channel);
        channel.readOutbound();

        final List<byte[]> events = new ArrayList<>();
        try (RelayLogReader reader = relayLog.openReader())
        {
            reader.poll(record ->
            {
                final byte[] bytes = new byte[record.eventLength()];
                record.buffer().getBytes(record.eventOffset(), bytes);
                events.add(bytes);
            }, 10);
        }
        assertThat(events).containsExactly(CapturedMysqlEvents.XID);
        assertFalseFinish(channel);
    }

    @Test
    void oneAckForABurstCarriesTheHighestFlaggedPosition()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)));
        long position = 1_000;
        for (long gno = 1; gno <= 3; gno++)
        {
            read(channel, semisyncPacket(false, gtid(SOURCE_UUID, gno, position += 60)));
            read(channel, semisyncPacket(false, query("BEGIN", position += 50)));
            read(channel, semisyncPacket(false, StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V2, position += 40)));
            read(channel, semisyncPacket(true, xid(gno, position += 31)));
        }
        read(channel, semisyncPacket(false, heartbeat(FILE, position)));
        assertThat(channel.<Object>readOutbound()).isNull();

        readComplete(channel);

        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(position).isEqualTo(1_543);
        assertThat(ack.fileName()).isEqualTo(FILE);
        assertThat(channel.<Object>readOutbound()).as("exactly one ACK").isNull();
        assertThat(listener.acks).containsExactly(FILE + ":1543");
        assertThat(stored()).filteredOn(line -> line.endsWith(" ack")).hasSize(3);

        read(channel, semisyncPacket(false, heartbeat(FILE, position)));
        readComplete(channel);
        assertThat(channel.<Object>readOutbound()).as("no ACK for a read without flagged events").isNull();
        assertFalseFinish(channel);
    }

    @Test
    void theAckIsWrittenOnlyOnceEverythingAppendedIsDurable()
    {
        final AckProbe probe = new AckProbe();
        final EmbeddedChannel channel = new EmbeddedChannel(probe, new BinlogStreamHandler(writer, true, true, false, null, 0, QUIET,
            SYNC_POLICY, WanEmulation.NONE, null, listener, ackLatency));
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 9, 300)),
            semisyncPacket(true, query("CREATE TABLE t (id INT)", 400)));
        readComplete(channel);

        assertThat(probe.durableIndexAtWrite).isEqualTo(probe.appendedIndexAtWrite).isEqualTo(writer.lastAppendedIndex());
        assertThat(probe.appendedIndexAtWrite).isGreaterThanOrEqualTo(1);
        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(400);
        assertFalseFinish(channel);
    }

    @Test
    void ackFollowsTheFileAcrossARotateInOneBurst()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 1, 200)),
            semisyncPacket(true, query("CREATE TABLE a (id INT)", 300)),
            semisyncPacket(false, rotate("binlog.000004", 4, false, 350)),
            semisyncPacket(false, StreamEvents.formatDescription(1, 127)),
            semisyncPacket(false, gtid(SOURCE_UUID, 2, 220)),
            semisyncPacket(true, query("CREATE TABLE b (id INT)", 320)));
        readComplete(channel);

        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.fileName()).isEqualTo("binlog.000004");
        assertThat(ack.position()).isEqualTo(320);
        assertThat(stored()).containsExactly(
            "GTID " + FILE + ":200 " + SOURCE_UUID + ":1 -",
            "QUERY " + FILE + ":300 " + SOURCE_UUID + ":1 commit ack",
            "ROTATE " + FILE + ":350 - commit",
            "FORMAT_DESCRIPTION binlog.000004:127 - commit",
            "GTID binlog.000004:220 " + SOURCE_UUID + ":2 -",
            "QUERY binlog.000004:320 " + SOURCE_UUID + ":2 commit ack");

        read(channel, semisyncPacket(false, gtid(SOURCE_UUID, 3, 400)), semisyncPacket(true, query("DROP TABLE a", 480)));
        readComplete(channel);
        final SemiSyncAck next = channel.readOutbound();
        assertThat(next.fileName()).isEqualTo("binlog.000004");
        assertThat(next.position()).isEqualTo(480);
        assertFalseFinish(channel);
    }

    /** A ROTATE stands outside any transaction: it must not carry the GTID of the transaction before it. */
    @Test
    void realRotateAfterATransactionCarriesNoGtid()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 1, 200)),
            semisyncPacket(true, query("CREATE TABLE a (id INT)", 300)),
            semisyncPacket(false, rotate("binlog.000004", 4, false, 350)));
        readComplete(channel);
        channel.readOutbound();

        assertThat(stored()).last().isEqualTo("ROTATE " + FILE + ":350 - commit");
        assertFalseFinish(channel);
    }

    @Test
    void heartbeatsAndTheArtificialRotateAreNotStored()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel,
            semisyncPacket(false, rotate("binlog.000007", 4, true, 0)),
            semisyncPacket(false, heartbeat("binlog.000007", 4)),
            semisyncPacket(false, StreamEvents.event(BinlogEventType.HEARTBEAT_V2, 0, 0, StreamEvents.hex("00"))));
        readComplete(channel);

        assertThat(stored()).isEmpty();
        assertThat(listener.stored).isEmpty();
        assertThat(channel.<Object>readOutbound()).isNull();

        read(channel, semisyncPacket(false, query("FLUSH TABLES", 200)));
        readComplete(channel);
        assertThat(stored()).containsExactly("QUERY binlog.000007:200 - commit");
        assertFalseFinish(channel);
    }

    @Test
    void corruptEventIsRejectedNamingFileAndPositionAndNothingMoreIsStoredOrAcked()
    {
        final AckProbe probe = new AckProbe();
        probe.holdClose = true;
        final EmbeddedChannel channel = new EmbeddedChannel(probe, new BinlogStreamHandler(writer, true, true, false, null, 0, QUIET,
            SYNC_POLICY, WanEmulation.NONE, null, listener, ackLatency));
        final byte[] corrupt = xid(5, 700);
        corrupt[21] ^= 0x01;
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 4, 500)),
            semisyncPacket(true, query("CREATE TABLE c (id INT)", 600)),
            semisyncPacket(false, gtid(SOURCE_UUID, 5, 650)),
            semisyncPacket(true, corrupt),
            semisyncPacket(true, query("CREATE TABLE d (id INT)", 800)));
        readComplete(channel);

        assertThat(listener.closed).hasSize(1).first().isInstanceOf(BinlogChecksumException.class);
        assertThat(listener.closed.get(0)).hasMessageContaining(FILE + ":700").hasMessageContaining("XID");
        assertThat(stored()).noneMatch(line -> line.contains(":700") || line.contains(":800"));
        assertThat(channel.<Object>readOutbound()).as("no ACK after a corrupt event").isNull();
        assertThat(probe.closeRequested).isTrue();
        assertThat(stored()).containsExactly(
            "GTID " + FILE + ":500 " + SOURCE_UUID + ":4 -",
            "QUERY " + FILE + ":600 " + SOURCE_UUID + ":4 commit ack",
            "GTID " + FILE + ":650 " + SOURCE_UUID + ":5 -");
        probe.holdClose = false;
        assertFalseFinish(channel);
        assertThat(listener.closed).as("the close that follows the failure is not reported again").hasSize(1);
    }

    @Test
    void aStreamTheReplicaNoLongerFollowsStoresAndAcknowledgesNothingMoreAndCloses()
    {
        final AckProbe probe = new AckProbe();
        probe.holdClose = true;
        final EmbeddedChannel channel = new EmbeddedChannel(probe, new BinlogStreamHandler(writer, true, true, false, null, 0, QUIET,
            SYNC_POLICY, WanEmulation.NONE, null, listener, ackLatency));
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)), semisyncPacket(true, query("CREATE TABLE c (id INT)", 600)));
        readComplete(channel);
        assertThat(channel.<Object>readOutbound()).isNotNull();
        final long appended = writer.lastAppendedIndex();

        listener.current = false;
        read(channel, semisyncPacket(false, gtid(SOURCE_UUID, 5, 650)), semisyncPacket(true, query("CREATE TABLE d (id INT)", 800)));
        readComplete(channel);

        assertThat(writer.lastAppendedIndex()).as("a stale stream appends nothing").isEqualTo(appended);
        assertThat(channel.<Object>readOutbound()).as("nor acknowledges").isNull();
        assertThat(probe.closeRequested).isTrue();
        assertThat(listener.closed).hasSize(1).first().isInstanceOf(BinlogStreamException.class);
        probe.holdClose = false;
        assertFalseFinish(channel);
    }

    @Test
    void aTaggedTransactionIsStoredWithItsTaggedGtidAndAcknowledged()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, gtid(SOURCE_UUID, 4, 500)),
            semisyncPacket(true, query("CREATE TABLE c (id INT)", 600)),
            semisyncPacket(false, StreamEvents.taggedGtid(SOURCE_UUID, "ops", 1, 1_796_585_388_237_074L, 700)),
            semisyncPacket(true, query("CREATE TABLE d (id INT)", 800)));
        readComplete(channel);

        assertThat(listener.closed).isEmpty();
        assertThat(stored()).containsExactly(
            "GTID " + FILE + ":500 " + SOURCE_UUID + ":4 -",
            "QUERY " + FILE + ":600 " + SOURCE_UUID + ":4 commit ack",
            "GTID_TAGGED " + FILE + ":700 " + SOURCE_UUID + ":ops:1 -",
            "QUERY " + FILE + ":800 " + SOURCE_UUID + ":ops:1 commit ack");
        assertThat(channel.<SemiSyncAck>readOutbound().position()).isEqualTo(800);
        assertFalseFinish(channel);
    }

    @Test
    void errPacketBecomesServerErrorException()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel, Unpooled.wrappedBuffer(StreamEvents.hex(
            "ff",                                   // ERR marker
            "d4 04",                                // error 1236
            "23",                                   // '#'
            "48 59 30 30 30",                       // SQL state HY000
            "6e 6f 20 62 69 6e 6c 6f 67")));        // message "no binlog"

        assertThat(listener.closed).singleElement().isInstanceOfSatisfying(ServerErrorException.class, error ->
        {
            assertThat(error.errorCode()).isEqualTo(1236);
            assertThat(error.sqlState()).isEqualTo("HY000");
            assertThat(error.serverMessage()).isEqualTo("no binlog");
        });
        assertThat(channel.isOpen()).isFalse();
        assertFalseFinish(channel);
    }

    @Test
    void endOfStreamPacketClosesTheStream()
    {
        final EmbeddedChannel channel = semisyncChannel();
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)), Unpooled.wrappedBuffer(StreamEvents.hex(
            "fe",                                   // EOF marker
            "00 00",                                // warnings
            "02 00")));                             // status

        assertThat(listener.closed).first().isInstanceOf(BinlogStreamException.class);
        assertThat(listener.closed.get(0)).hasMessageContaining("ended the binlog stream at " + FILE + ":4");
        assertFalseFinish(channel);
    }

    @Test
    void eventWhoseSizeDisagreesWithItsPacketIsRejected()
    {
        final EmbeddedChannel channel = semisyncChannel();
        final byte[] event = xid(1, 900);
        final ByteBuf truncated = semisyncPacket(true, event);
        truncated.writerIndex(truncated.writerIndex() - 1);
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)), truncated);
        readComplete(channel);

        assertThat(listener.closed).first().isInstanceOf(BinlogStreamException.class);
        assertThat(listener.closed.get(0)).hasMessageContaining("announces 31 bytes").hasMessageContaining("30");
        assertThat(stored()).isEmpty();
        assertThat(channel.<Object>readOutbound()).isNull();
        assertFalseFinish(channel);
    }

    @Test
    void eventsAlreadyStoredAreSkippedButStillAcknowledged()
    {
        final EmbeddedChannel channel = channel(true, false, FILE, 832);
        read(channel,
            semisyncPacket(false, rotate(FILE, 4, true, 0)),
            semisyncPacket(false, CapturedMysqlEvents.GTID),
            semisyncPacket(false, CapturedMysqlEvents.QUERY_BEGIN),
            semisyncPacket(false, CapturedMysqlEvents.TABLE_MAP),
            semisyncPacket(false, CapturedMysqlEvents.WRITE_ROWS),
            semisyncPacket(true, CapturedMysqlEvents.XID),
            semisyncPacket(false, rotate("binlog.000004", 4, false, 900)),
            semisyncPacket(false, gtid(SOURCE_UUID, 4, 200)));
        readComplete(channel);

        assertThat(stored()).containsExactly(
            "XID " + FILE + ":863 " + SOURCE_UUID + ":3 commit ack",
            "ROTATE " + FILE + ":900 - commit",
            "GTID binlog.000004:200 " + SOURCE_UUID + ":4 -");
        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(863);
        assertFalseFinish(channel);
    }

    @Test
    void flaggedEventAlreadyStoredIsAcknowledgedWithoutBeingStoredAgain()
    {
        final EmbeddedChannel channel = channel(true, false, FILE, 863);
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)), semisyncPacket(true, CapturedMysqlEvents.XID));
        readComplete(channel);

        assertThat(stored()).isEmpty();
        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(863);
        assertThat(ack.fileName()).isEqualTo(FILE);
        assertFalseFinish(channel);
    }

    @Test
    void resumedSemisyncStreamAcknowledgesWhatIsStoredOnItsFirstRead()
    {
        final EmbeddedChannel channel = channel(true, false, FILE, 700);
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)));
        assertThat(channel.<Object>readOutbound()).as("no ACK before the read completes").isNull();
        readComplete(channel);

        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.fileName()).isEqualTo(FILE);
        assertThat(ack.position()).isEqualTo(700);
        read(channel, semisyncPacket(false, heartbeat(FILE, 700)));
        readComplete(channel);
        assertThat(channel.<Object>readOutbound()).as("only once per stream").isNull();
        assertFalseFinish(channel);
    }

    @Test
    void resumedPlainStreamSendsNoAck()
    {
        final EmbeddedChannel channel = channel(false, false, FILE, 700);
        read(channel, StreamEvents.plainPacket(rotate(FILE, 4, true, 0)));
        readComplete(channel);

        assertThat(channel.<Object>readOutbound()).isNull();
        assertFalseFinish(channel);
    }

    @Test
    void mariadbGtidOpensATransactionWithoutBegin()
    {
        final EmbeddedChannel channel = channel(true, true, null, 0);
        read(channel,
            semisyncPacket(false, rotate("mariadb-bin.000001", 4, true, 0)),
            semisyncPacket(false, StreamEvents.mariadbGtid(0, 7, false, 400)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.TABLE_MAP, 450)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V1, 500)),
            semisyncPacket(true, xid(7, 531)),
            semisyncPacket(false, StreamEvents.mariadbGtid(0, 8, true, 600)),
            semisyncPacket(true, query("CREATE TABLE t (id INT)", 700)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.MARIADB_BINLOG_CHECKPOINT, 750)));
        readComplete(channel);

        final String server = "-" + StreamEvents.SERVER_ID + "-";
        assertThat(stored()).containsExactly(
            "MARIADB_GTID mariadb-bin.000001:400 0" + server + "7 -",
            "TABLE_MAP mariadb-bin.000001:450 0" + server + "7 -",
            "WRITE_ROWS_V1 mariadb-bin.000001:500 0" + server + "7 -",
            "XID mariadb-bin.000001:531 0" + server + "7 commit ack",
            "MARIADB_GTID mariadb-bin.000001:600 0" + server + "8 -",
            "QUERY mariadb-bin.000001:700 0" + server + "8 commit ack",
            "BINLOG_CHECKPOINT mariadb-bin.000001:750 - commit");
        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(700);
        assertFalseFinish(channel);
    }

    @Test
    void mariadb11EventsInsideATransactionWithoutAnEndPositionAreStoredAtTheirComputedEnds()
    {
        final EmbeddedChannel channel = channel(true, true, null, 0);
        // MariaDB 11.8 (binlog_legacy_event_pos=OFF): only the GTID event and the transaction's last event carry end_log_pos.
        read(channel,
            semisyncPacket(false, rotate("mariadb-bin.000001", 4, true, 0)),
            semisyncPacket(false, StreamEvents.mariadbGtid(0, 7, false, 400)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.TABLE_MAP, 0, 10)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V1, 0, 20)),
            semisyncPacket(true, xid(7, 466 + 19 + 8 + 4)),
            semisyncPacket(false, StreamEvents.opaque(BinlogEventType.MARIADB_GTID_LIST, 0)));
        readComplete(channel);

        final String gtid = "0-" + StreamEvents.SERVER_ID + "-7";
        assertThat(stored()).containsExactly(
            "MARIADB_GTID mariadb-bin.000001:400 " + gtid + " -",
            "TABLE_MAP mariadb-bin.000001:" + (400 + 19 + 10 + 4) + " " + gtid + " -",
            "WRITE_ROWS_V1 mariadb-bin.000001:" + (433 + 19 + 20 + 4) + " " + gtid + " -",
            "XID mariadb-bin.000001:497 " + gtid + " commit ack");
        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(497);
        assertFalseFinish(channel);
    }

    @Test
    void plainStreamStoresAndSyncsInTheBackgroundSoonAfterAReadButNeverAcks()
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), handler(false, false, null, 0));
        read(channel,
            StreamEvents.plainPacket(rotate(FILE, 4, true, 0)),
            StreamEvents.plainPacket(gtid(SOURCE_UUID, 1, 200)),
            StreamEvents.plainPacket(query("CREATE TABLE t (id INT)", 300)));
        readComplete(channel);

        assertThat(stored()).containsExactly("GTID " + FILE + ":200 " + SOURCE_UUID + ":1 -", "QUERY " + FILE + ":300 " + SOURCE_UUID + ":1 commit");
        assertThat(writer.lastDurableIndex()).as("no sync per read when no ACK waits").isLessThan(writer.lastAppendedIndex());

        channel.advanceTimeBy(IDLE_SYNC_NANOS, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        awaitBackgroundSync();

        assertThat(writer.lastDurableIndex()).isEqualTo(writer.lastAppendedIndex());
        assertThat(writer.lastDurableCommitEndPosition()).isEqualTo(300);
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(listener.acks).isEmpty();
        assertFalseFinish(channel);
    }

    @Test
    void aCatchUpSyncsInTheBackgroundOnceABulkOfBytesIsUnsyncedNotPerRead()
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), handler(true, false, null, 0));
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)));
        final byte[] row = StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V2, 4, 16 * 1024);
        final int rowLength = row.length;
        long position = 4;
        long bytes = 0;
        while (bytes + rowLength < SYNC_POLICY.bulkSyncBytes())
        {
            position += rowLength;
            read(channel, semisyncPacket(false, StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V2, position, 16 * 1024)));
            readComplete(channel);
            bytes += rowLength;
        }
        assertThat(writer.lastDurableIndex()).as("below the bulk, nothing synced").isEqualTo(-1);
        assertThat(writer.isBackgroundSyncRunning()).isFalse();

        position += rowLength;
        read(channel, semisyncPacket(false, StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V2, position, 16 * 1024)));
        readComplete(channel);
        awaitBackgroundSync();

        assertThat(writer.lastDurableIndex()).isEqualTo(writer.lastAppendedIndex());
        assertThat(channel.<Object>readOutbound()).as("nothing flagged, nothing acknowledged").isNull();
        assertFalseFinish(channel);
    }

    @Test
    void anAckForAMariadbCommitGroupWaitsForTheRestOfTheGroupAndCoversItWithOneSync()
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), handler(true, true, null, 0));
        read(channel,
            semisyncPacket(false, rotate("mariadb-bin.000001", 4, true, 0)),
            semisyncPacket(false, StreamEvents.mariadbGtid(0, 7, false, true, 400)),
            semisyncPacket(true, xid(7, 431)));
        readComplete(channel);
        assertThat(channel.<Object>readOutbound()).as("the group may still be arriving").isNull();
        assertThat(writer.lastDurableIndex()).isLessThan(writer.lastAppendedIndex());

        channel.advanceTimeBy(GROUP_WAIT_NANOS / 2, TimeUnit.NANOSECONDS);
        read(channel,
            semisyncPacket(false, StreamEvents.mariadbGtid(0, 8, false, true, 500)),
            semisyncPacket(true, xid(8, 531)));
        readComplete(channel);
        channel.runScheduledPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("the wait restarts with each read of the group").isNull();

        channel.advanceTimeBy(GROUP_WAIT_NANOS / 2, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("the first read's wait ended, but the second read's has not").isNull();

        channel.advanceTimeBy(GROUP_WAIT_NANOS / 2, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();

        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(531);
        assertThat(channel.<Object>readOutbound()).as("one ACK for the group").isNull();
        assertThat(writer.lastDurableIndex()).isEqualTo(writer.lastAppendedIndex());
        assertFalseFinish(channel);
    }

    @Test
    void theGroupWaitIsBoundedHoweverLongTheGroupKeepsArriving()
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), handler(true, true, null, 0));
        read(channel, semisyncPacket(false, rotate("mariadb-bin.000001", 4, true, 0)));
        long position = 400;
        int acks = 0;
        for (int sequence = 1; sequence <= 2 * SyncPolicy.MAX_GROUP_WAITS; sequence++)
        {
            read(channel,
                semisyncPacket(false, StreamEvents.mariadbGtid(0, sequence, false, true, position)),
                semisyncPacket(true, xid(sequence, position + 31)));
            readComplete(channel);
            channel.advanceTimeBy(GROUP_WAIT_NANOS - 1, TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
            position += 100;
            while (channel.readOutbound() != null)
            {
                acks++;
            }
        }

        assertThat(acks).as("ACKs within the bound though every read came before the group wait ended").isBetween(1, 3);
        assertFalseFinish(channel);
    }

    @Test
    void aMariadbTransactionOutsideAnyCommitGroupIsAcknowledgedAtOnce()
    {
        final EmbeddedChannel channel = frozenChannel(new AckProbe(), handler(true, true, null, 0));
        read(channel,
            semisyncPacket(false, rotate("mariadb-bin.000001", 4, true, 0)),
            semisyncPacket(false, StreamEvents.mariadbGtid(0, 7, false, false, 400)),
            semisyncPacket(true, xid(7, 431)));
        readComplete(channel);

        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(431);
        assertFalseFinish(channel);
    }

    private void awaitBackgroundSync()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.isBackgroundSyncRunning())
        {
            assertThat(System.nanoTime()).as("background sync returned within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void directAndCompositePayloadsAreReadLikeHeapOnes()
    {
        final EmbeddedChannel channel = semisyncChannel();
        final ByteBuf direct = Unpooled.directBuffer().writeBytes(semisyncPacket(false, rotate(FILE, 4, true, 0)));
        final ByteBuf heap = semisyncPacket(true, CapturedMysqlEvents.XID);
        final CompositeByteBuf composite = Unpooled.compositeBuffer()
            .addComponent(true, heap.retainedSlice(0, 10))
            .addComponent(true, Unpooled.directBuffer().writeBytes(heap, 10, heap.readableBytes() - 10));
        heap.release();
        read(channel, direct, composite);
        readComplete(channel);

        assertThat(listener.closed).isEmpty();
        assertThat(stored()).containsExactly("XID " + FILE + ":863 - commit ack");
        final SemiSyncAck ack = channel.readOutbound();
        assertThat(ack.position()).isEqualTo(863);
        assertThat(direct.refCnt()).isZero();
        assertThat(composite.refCnt()).isZero();
        assertFalseFinish(channel);
    }

    @Test
    void formatDescriptionTurnsChecksumVerificationOn()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new BinlogStreamHandler(writer, false, true, false, null, 0, QUIET,
            SYNC_POLICY, WanEmulation.NONE, null, listener, ackLatency));
        final byte[] corrupt = query("CREATE TABLE t (id INT)", 300);
        corrupt[corrupt.length - 1] ^= 0x40;
        read(channel,
            semisyncPacket(false, StreamEvents.withoutCrc(rotate(FILE, 4, true, 0))),
            semisyncPacket(false, StreamEvents.formatDescription(1, 120)),
            semisyncPacket(true, corrupt));

        assertThat(listener.closed).hasSize(1).first().isInstanceOf(BinlogChecksumException.class);
        assertThat(stored()).containsExactly("FORMAT_DESCRIPTION " + FILE + ":120 - commit");
        assertFalseFinish(channel);
    }

    @Test
    void silenceForFourHeartbeatPeriodsClosesTheStream()
    {
        final Duration period = Duration.ofMillis(20);
        final EmbeddedChannel channel = frozenChannel(new BinlogStreamHandler(writer, true, true, false, null, 0, period,
            SYNC_POLICY, WanEmulation.NONE, null, listener, ackLatency));
        final Duration justAlive = period.multipliedBy(ReplicaConfig.MISSED_HEARTBEATS_BEFORE_RECONNECT).minusMillis(1);
        channel.advanceTimeBy(justAlive.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(listener.closed).isEmpty();

        channel.advanceTimeBy(period.multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();

        assertThat(listener.closed).first().isInstanceOf(BinlogStreamException.class);
        assertThat(listener.closed.get(0)).hasMessageContaining("presumed dead");
        assertThat(channel.isOpen()).isFalse();
        assertFalseFinish(channel);
    }

    @Test
    void trafficKeepsTheStreamAlive()
    {
        final Duration period = Duration.ofMillis(50);
        final EmbeddedChannel channel = frozenChannel(new BinlogStreamHandler(writer, true, true, false, null, 0, period,
            SYNC_POLICY, WanEmulation.NONE, null, listener, ackLatency));
        read(channel, semisyncPacket(false, rotate(FILE, 4, true, 0)));
        for (int i = 0; i < 6; i++)
        {
            channel.advanceTimeBy(period.toNanos(), TimeUnit.NANOSECONDS);
            read(channel, semisyncPacket(false, heartbeat(FILE, 4)));
            readComplete(channel);
            channel.runPendingTasks();
        }

        assertThat(listener.closed).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        assertFalseFinish(channel);
    }

    private static void assertFalseFinish(final EmbeddedChannel channel)
    {
        assertThat(channel.finish()).isFalse();
    }

    /** Each stored record as "TYPE file:position gtid commit|- [ack]". */
    private List<String> stored()
    {
        final List<String> lines = new ArrayList<>();
        try (RelayLogReader reader = relayLog.openReader())
        {
            reader.poll(record -> lines.add(BinlogEventType.name(record.eventType())
                + " " + record.sourceFileName() + ":" + record.endPosition()
                + " " + GtidText.of(record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength())
                + (record.isTransactionEnd() ? " commit" : " -")
                + (record.isAckRequested() ? " ack" : "")), Integer.MAX_VALUE);
        }
        return lines;
    }

    /**
     * Records, when an ACK is written, how far the relay log was appended and made durable; can hold back a
     * close, so that the pipeline stays whole as in a real read loop, which delivers the rest of a read after
     * a handler asked to close.
     */
    private final class AckProbe extends ChannelOutboundHandlerAdapter
    {
        private long appendedIndexAtWrite = -2;
        private long durableIndexAtWrite = -2;
        private boolean holdClose;
        private boolean closeRequested;

        @Override
        public void close(final ChannelHandlerContext ctx, final ChannelPromise promise)
        {
            closeRequested = true;
            if (holdClose)
            {
                promise.setSuccess();
            }
            else
            {
                ctx.close(promise);
            }
        }

        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            appendedIndexAtWrite = writer.lastAppendedIndex();
            durableIndexAtWrite = writer.lastDurableIndex();
            ctx.write(msg, promise);
        }
    }

    private static final class RecordingListener implements StreamListener
    {
        private final List<String> stored = new ArrayList<>();
        private final List<String> acks = new ArrayList<>();
        private final List<Throwable> closed = new ArrayList<>();
        private boolean current = true;

        @Override
        public boolean isCurrent()
        {
            return current;
        }

        @Override
        public void onEventStored(final int type, final boolean completesTransaction)
        {
            stored.add(BinlogEventType.name(type) + (completesTransaction ? " commit" : ""));
        }

        @Override
        public void onAck(final String file, final long position)
        {
            acks.add(file + ":" + position);
        }

        @Override
        public void onStreamClosed(final Throwable cause)
        {
            closed.add(cause);
        }
    }
}

package io.semisync.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.framing.PacketEncoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.stream.AckLatency;
import io.semisync.replica.stream.WanEmulation;
import io.semisync.replica.stream.BinlogStreamHandler;
import io.semisync.replica.stream.StreamListener;
import io.semisync.storage.relaylog.DurabilityMode;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ACK path per transaction: a burst of 1, 8 or 64 semisync transactions (five events each, the XID
 * flagged) goes through {@link BinlogStreamHandler} into a real relay log as one Netty read; the end of the read
 * syncs once and writes one ACK, which the framing encoder turns into bytes. The score is time per transaction;
 * the sync is a no-op ({@code NONE}), Chronicle's msync ({@code MSYNC}), fdatasync of the cycle file ({@code FSYNC})
 * or a write of the ACK journal ({@code ACK_JOURNAL}, the default), the cycle files then synced in the background as
 * the replica does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AckPathBenchmark
{
    /** How the ACK's sync is made. */
    public enum Barrier
    {
        NONE, MSYNC, FSYNC, ACK_JOURNAL
    }

    @Param({"NONE", "MSYNC", "FSYNC", "ACK_JOURNAL"})
    Barrier barrier;

    private static final int LARGEST_BATCH = 64;

    private Path directory;
    private RelayLog relayLog;
    private EmbeddedChannel channel;
    private final List<ByteBuf> packets = new ArrayList<>();
    private final AckSink ackSink = new AckSink();

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("ack-path-benchmark");
        final RelayLogConfig config = new RelayLogConfig().directory(directory);
        relayLog = RelayLog.open(switch (barrier)
        {
            case NONE -> config.durabilityMode(DurabilityMode.NONE);
            case MSYNC -> config.durabilityMode(DurabilityMode.MSYNC);
            case FSYNC -> config.durabilityMode(DurabilityMode.FSYNC).ackJournalSize(0);
            case ACK_JOURNAL -> config.durabilityMode(DurabilityMode.FSYNC);
        });
        final BinlogFixtures fixtures = new BinlogFixtures();
        for (int i = 0; i < LARGEST_BATCH; i++)
        {
            packets.addAll(fixtures.transaction(i + 1, 200, true));
        }
        channel = new EmbeddedChannel();
        final AckLatency latency = new AckLatency();
        channel.pipeline().addLast(ackSink, new PacketEncoder(new PacketSequence()), new BinlogStreamHandler(relayLog.openWriter(), true, true,
            false, null, 0, Duration.ofHours(1), new ReplicaConfig().syncPolicy(), WanEmulation.NONE, null, new IgnoringListener(),
            latency));
        final ByteBuf rotate = fixtures.artificialRotate("binlog.000001");
        channel.pipeline().fireChannelRead(rotate);
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public int batchOf1()
    {
        return transactions(1);
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public int batchOf8()
    {
        return transactions(8);
    }

    @Benchmark
    @OperationsPerInvocation(LARGEST_BATCH)
    public int batchOf64()
    {
        return transactions(LARGEST_BATCH);
    }

    private int transactions(final int count)
    {
        final int packetCount = count * BinlogFixtures.EVENTS_PER_TRANSACTION;
        for (int i = 0; i < packetCount; i++)
        {
            channel.pipeline().fireChannelRead(packets.get(i).retain());
        }
        channel.pipeline().fireChannelReadComplete();
        channel.runScheduledPendingTasks();
        return ackSink.takeLength();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        channel.finishAndReleaseAll();
        relayLog.close();
        packets.forEach(ByteBuf::release);
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    /**
     * Where the ACK bytes end: in front of the transport, so that the benchmark measures our path up to the
     * bytes handed to the socket and not EmbeddedChannel's outbound queue.
     */
    private static final class AckSink extends ChannelOutboundHandlerAdapter
    {
        private int length = -1;

        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            final ByteBuf bytes = (ByteBuf)msg;
            length = bytes.readableBytes();
            bytes.release();
        }

        int takeLength()
        {
            if (length < 0)
            {
                throw new IllegalStateException("no ACK was written");
            }
            final int taken = length;
            length = -1;
            return taken;
        }
    }

    /** The benchmark does not count; the replica's listener would. */
    private static final class IgnoringListener implements StreamListener
    {
        @Override
        public boolean isCurrent()
        {
            return true;
        }

        @Override
        public void onEventStored(final int type, final boolean completesTransaction)
        {
        }

        @Override
        public void onAck(final String file, final long position)
        {
        }

        @Override
        public void onStreamClosed(final Throwable cause)
        {
        }
    }
}

package io.semisync.benchmarks.jmh;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.StreamPacketFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Decoding one semisync stream packet: the packet marker and semisync header, the 19-byte event header, and the
 * CRC32 check over the whole event, on an off-heap buffer as Netty delivers it. Score: packets per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventDecodeBenchmark
{
    @Param({"64", "1024", "16384"})
    int eventBytes;

    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private final StreamPacketFlyweight packet = new StreamPacketFlyweight();
    private final EventHeaderFlyweight header = new EventHeaderFlyweight();
    private final BinlogChecksum checksum = new BinlogChecksum();

    @Setup
    public void setUp()
    {
        final byte[] event = BinlogFixtures.event(BinlogEventType.WRITE_ROWS_V2,
            new byte[eventBytes - BinlogFixtures.HEADER_LENGTH - BinlogChecksum.LENGTH], 1234);
        final ByteBuffer direct = ByteBuffer.allocateDirect(event.length + 3);
        direct.put((byte)0).put((byte)0xEF).put((byte)1).put(event).flip();
        buffer.wrap(direct);
    }

    @Benchmark
    public long decode()
    {
        packet.wrap(buffer, 0, buffer.capacity(), true);
        header.wrap(buffer, packet.eventOffset());
        if (header.eventSize() != packet.eventLength() || !checksum.matches(buffer, packet.eventOffset(), packet.eventLength()))
        {
            throw new IllegalStateException("fixture does not decode");
        }
        return header.logPos() + header.type() + (packet.ackNeeded() ? 1 : 0);
    }
}

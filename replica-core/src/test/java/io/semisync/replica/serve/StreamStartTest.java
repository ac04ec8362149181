package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StreamStartTest
{
    @Test
    void theSourcesFormatDescriptionIsServedWithLogPosZeroAndItsChecksumRedone()
    {
        final byte[] source = formatDescription("10.11.19-MariaDB-log", 256);

        final StreamStart start = StreamStart.of(7, source, 0, false, false);

        final UnsafeBuffer served = new UnsafeBuffer(start.formatDescription());
        assertThat(new EventHeaderFlyweight().wrap(served, 0).logPos()).isZero();
        assertThat(new BinlogChecksum().matches(served, 0, served.capacity())).isTrue();
        assertThat(start.checksummed()).isTrue();
        assertThat(source).as("the kept event is left as it is").isEqualTo(formatDescription("10.11.19-MariaDB-log", 256));
        assertThat(SourceVersion.of(source).greeting()).isEqualTo("5.5.5-10.11.19-MariaDB-log");
        assertThat(SourceVersion.of(formatDescription("9.7.4-2", 126)).greeting()).isEqualTo("9.7.4-2");
    }

    @Test
    void eventsMadeUpForTheDumpCarryTheSourcesServerIdAndTheArtificialFlag()
    {
        final StreamStart start = StreamStart.of(7, formatDescription("9.7.4-2", 126), 500_000_000, true, false);

        final UnsafeBuffer rotate = new UnsafeBuffer(start.rotate("binlog.000002", 4));
        final EventHeaderFlyweight header = new EventHeaderFlyweight().wrap(rotate, 0);
        assertThat(header.type()).isEqualTo(4);
        assertThat(header.serverId()).isEqualTo(7);
        assertThat(header.isArtificial()).isTrue();
        assertThat(rotate.getLong(EventHeaderFlyweight.LENGTH, ByteOrder.LITTLE_ENDIAN)).isEqualTo(4);
        assertThat(new BinlogChecksum().matches(rotate, 0, rotate.capacity())).isTrue();
        assertThat(new EventHeaderFlyweight().wrap(new UnsafeBuffer(start.heartbeat("binlog.000002", 900)), 0).type()).isEqualTo(41);
    }

    /** A FORMAT_DESCRIPTION of {@code version}, checksummed with CRC32, ending at {@code logPos}. */
    private static byte[] formatDescription(final String version, final long logPos)
    {
        final int bodyLength = 2 + 50 + 4 + 1 + 41 + 1;                                     // binlog version, server version, time, header length, post-header lengths, algorithm
        final int length = EventHeaderFlyweight.LENGTH + bodyLength + BinlogChecksum.LENGTH;
        final UnsafeBuffer event = new UnsafeBuffer(new byte[length]);
        event.putByte(EventHeaderFlyweight.TYPE_OFFSET, (byte)15);
        event.putInt(EventHeaderFlyweight.SERVER_ID_OFFSET, 7, ByteOrder.LITTLE_ENDIAN);
        event.putInt(EventHeaderFlyweight.EVENT_SIZE_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        event.putInt(EventHeaderFlyweight.LOG_POS_OFFSET, (int)logPos, ByteOrder.LITTLE_ENDIAN);
        event.putShort(EventHeaderFlyweight.LENGTH, (short)4, ByteOrder.LITTLE_ENDIAN);
        event.putBytes(EventHeaderFlyweight.LENGTH + 2, version.getBytes(StandardCharsets.US_ASCII));
        event.putByte(length - BinlogChecksum.LENGTH - 1, (byte)BinlogChecksum.ALGORITHM_CRC32);
        final int checksumAt = length - BinlogChecksum.LENGTH;
        event.putInt(checksumAt, new BinlogChecksum().compute(event, 0, checksumAt), ByteOrder.LITTLE_ENDIAN);
        return event.byteArray();
    }
}

package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The ROTATE event a source sends first on every dump: artificial (flag 0x20), log position 0, naming the binlog file
 * and position the stream starts at, with its CRC32.
 */
final class ArtificialRotate
{
    private static final int POSITION_LENGTH = Long.BYTES;

    private ArtificialRotate()
    {
    }

    /** The event's bytes, checksum included, as the source with server id {@code serverId} writes it. */
    static byte[] event(final long serverId, final String fileName, final long position)
    {
        final byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        final int length = EventHeaderFlyweight.LENGTH + POSITION_LENGTH + name.length + BinlogChecksum.LENGTH;
        final UnsafeBuffer event = new UnsafeBuffer(new byte[length]);
        event.putByte(EventHeaderFlyweight.TYPE_OFFSET, (byte)BinlogEventType.ROTATE);
        event.putInt(EventHeaderFlyweight.SERVER_ID_OFFSET, (int)serverId, ByteOrder.LITTLE_ENDIAN);
        event.putInt(EventHeaderFlyweight.EVENT_SIZE_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        event.putShort(EventHeaderFlyweight.FLAGS_OFFSET, (short)EventHeaderFlyweight.LOG_EVENT_ARTIFICIAL_F, ByteOrder.LITTLE_ENDIAN);
        event.putLong(EventHeaderFlyweight.LENGTH, position, ByteOrder.LITTLE_ENDIAN);
        event.putBytes(EventHeaderFlyweight.LENGTH + POSITION_LENGTH, name);
        final int checksumAt = length - BinlogChecksum.LENGTH;
        event.putInt(checksumAt, new BinlogChecksum().compute(event, 0, checksumAt), ByteOrder.LITTLE_ENDIAN);
        return event.byteArray();
    }
}

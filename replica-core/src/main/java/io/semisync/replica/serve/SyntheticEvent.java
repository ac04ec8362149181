package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * An event this node makes up rather than reads from the relay log (artificial ROTATE, heartbeats): the 19-byte header
 * with timestamp 0, the body, and a CRC32 when the source's stream carries them.
 */
final class SyntheticEvent
{
    private SyntheticEvent()
    {
    }

    /** The event's bytes; {@code body} is written at {@link EventHeaderFlyweight#LENGTH}. */
    static byte[] build(final int type, final long serverId, final long logPos, final int flags, final byte[] body,
        final boolean checksummed)
    {
        final int length = EventHeaderFlyweight.LENGTH + body.length + (checksummed ? BinlogChecksum.LENGTH : 0);
        final UnsafeBuffer event = new UnsafeBuffer(new byte[length]);
        event.putByte(EventHeaderFlyweight.TYPE_OFFSET, (byte)type);
        event.putInt(EventHeaderFlyweight.SERVER_ID_OFFSET, (int)serverId, ByteOrder.LITTLE_ENDIAN);
        event.putInt(EventHeaderFlyweight.EVENT_SIZE_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        event.putInt(EventHeaderFlyweight.LOG_POS_OFFSET, (int)logPos, ByteOrder.LITTLE_ENDIAN);
        event.putShort(EventHeaderFlyweight.FLAGS_OFFSET, (short)flags, ByteOrder.LITTLE_ENDIAN);
        event.putBytes(EventHeaderFlyweight.LENGTH, body);
        if (checksummed)
        {
            recomputeChecksum(event.byteArray());
        }
        return event.byteArray();
    }

    /** Writes the CRC32 of everything before the last four bytes of {@code event} into them. */
    static void recomputeChecksum(final byte[] event)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(event);
        final int checksumAt = event.length - BinlogChecksum.LENGTH;
        buffer.putInt(checksumAt, new BinlogChecksum().compute(buffer, 0, checksumAt), ByteOrder.LITTLE_ENDIAN);
    }
}

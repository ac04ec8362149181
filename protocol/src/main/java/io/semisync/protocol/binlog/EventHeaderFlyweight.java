package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of the 19-byte v4 binlog event header:
 * <pre>
 *   0  timestamp   u32  seconds since the epoch
 *   4  type        u8
 *   5  server_id   u32
 *   9  event_size  u32  header + body + checksum
 *  13  log_pos     u32  end position of this event in the source's binlog file
 *  17  flags       u16
 * </pre>
 */
public final class EventHeaderFlyweight
{
    public static final int TIMESTAMP_OFFSET = 0;
    public static final int TYPE_OFFSET = 4;
    public static final int SERVER_ID_OFFSET = 5;
    public static final int EVENT_SIZE_OFFSET = 9;
    public static final int LOG_POS_OFFSET = 13;
    public static final int FLAGS_OFFSET = 17;
    public static final int LENGTH = 19;

    /** The event was made up by the source for this stream (the first ROTATE), not read from its binlog. */
    public static final int LOG_EVENT_ARTIFICIAL_F = 0x20;

    private DirectBuffer buffer;
    private int offset;

    /** Points the view at a header; the caller has checked that {@link #LENGTH} bytes are there. */
    public EventHeaderFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        if (offset < 0 || offset > buffer.capacity() - LENGTH)
        {
            throw new MalformedPacketException("an event header needs " + LENGTH + " bytes but " + Math.max(0, buffer.capacity() - offset)
                + " remain at offset " + offset);
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long timestamp()
    {
        return buffer.getInt(offset + TIMESTAMP_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    public int type()
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    public long serverId()
    {
        return buffer.getInt(offset + SERVER_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    public long eventSize()
    {
        return buffer.getInt(offset + EVENT_SIZE_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    public long logPos()
    {
        return buffer.getInt(offset + LOG_POS_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    public int flags()
    {
        return buffer.getShort(offset + FLAGS_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public boolean isArtificial()
    {
        return (flags() & LOG_EVENT_ARTIFICIAL_F) != 0;
    }
}

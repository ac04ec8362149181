package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of a ROTATE event's body: the position in the next file (u64) and the next file's name, which runs
 * to the end of the body (before the checksum, if any).
 */
public final class RotateEventFlyweight
{
    public static final int POSITION_OFFSET = 0;
    public static final int FILE_NAME_OFFSET = 8;

    private DirectBuffer buffer;
    private int bodyOffset;
    private int bodyLength;

    /** Points the view at an event; {@code checksumLength} is 4 with CRC32 on, else 0. */
    public RotateEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength, final int checksumLength)
    {
        this.buffer = buffer;
        this.bodyOffset = eventOffset + EventHeaderFlyweight.LENGTH;
        this.bodyLength = eventLength - EventHeaderFlyweight.LENGTH - checksumLength;
        if (bodyLength < FILE_NAME_OFFSET)
        {
            throw new MalformedPacketException("ROTATE event body of " + bodyLength + " bytes is too short");
        }
        return this;
    }

    public long position()
    {
        return buffer.getLong(bodyOffset + POSITION_OFFSET, LITTLE_ENDIAN);
    }

    public String fileName()
    {
        return buffer.getStringWithoutLengthAscii(bodyOffset + FILE_NAME_OFFSET, bodyLength - FILE_NAME_OFFSET);
    }
}

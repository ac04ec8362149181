package io.semisync.protocol.response;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerMessage;

/**
 * Flyweight over a classic EOF packet payload (without CLIENT_DEPRECATE_EOF); {@link #of} builds one to send.
 *
 * <pre>
 * u8    0xFE
 * u16   warning count
 * u16   server status flags
 * </pre>
 */
public final class EofPacket
{
    public static final int HEADER_OFFSET = 0;
    public static final int WARNINGS_OFFSET = 1;
    public static final int STATUS_OFFSET = 3;
    public static final int LENGTH = 5;

    private ByteBuf buffer;
    private int offset;

    public EofPacket wrap(final ByteBuf buffer, final int offset, final int length)
    {
        if (length != LENGTH || buffer.getUnsignedByte(offset + HEADER_OFFSET) != ResponseHeader.EOF)
        {
            throw new MalformedPacketException("not an EOF packet: " + length + " bytes");
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int warnings()
    {
        return buffer.getUnsignedShortLE(offset + WARNINGS_OFFSET);
    }

    public int statusFlags()
    {
        return buffer.getUnsignedShortLE(offset + STATUS_OFFSET);
    }

    /** An EOF packet to send. */
    public static ServerMessage of(final int warnings, final int statusFlags)
    {
        return new Encoded(warnings, statusFlags);
    }

    private record Encoded(int warnings, int statusFlags) implements ServerMessage
    {
        @Override
        public int payloadLength()
        {
            return LENGTH;
        }

        @Override
        public void writePayload(final ByteBuf out)
        {
            out.writeByte(ResponseHeader.EOF);
            out.writeShortLE(warnings);
            out.writeShortLE(statusFlags);
        }
    }
}

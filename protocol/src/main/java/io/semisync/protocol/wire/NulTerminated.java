package io.semisync.protocol.wire;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;

/** Strings ended by a 0x00 byte, as in the handshake and AuthSwitchRequest. */
public final class NulTerminated
{
    private NulTerminated()
    {
    }

    /** Reads up to the next NUL (consumed, not returned) as UTF-8; fails if there is none. */
    public static String readString(final ByteBuf in, final String field)
    {
        return new String(readBytes(in, field), StandardCharsets.UTF_8);
    }

    /** Reads up to the next NUL (consumed, not returned); fails naming {@code field} if there is none. */
    public static byte[] readBytes(final ByteBuf in, final String field)
    {
        final int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte)0);
        if (end < 0)
        {
            throw new MalformedPacketException(field + " is not terminated by NUL");
        }
        return readUpTo(in, end, end + 1);
    }

    /** Reads up to the next NUL, or to the end when there is none (servers differ on the last field), as UTF-8. */
    public static String readStringOrRest(final ByteBuf in)
    {
        return new String(readBytesOrRest(in), StandardCharsets.UTF_8);
    }

    /** Reads up to the next NUL, or to the end when there is none (peers differ on the last field). */
    public static byte[] readBytesOrRest(final ByteBuf in)
    {
        final int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte)0);
        return end < 0 ? readUpTo(in, in.writerIndex(), in.writerIndex()) : readUpTo(in, end, end + 1);
    }

    /** Writes {@code value} and a NUL. */
    public static void write(final ByteBuf out, final byte[] value)
    {
        out.writeBytes(value);
        out.writeByte(0);
    }

    private static byte[] readUpTo(final ByteBuf in, final int end, final int next)
    {
        final byte[] value = new byte[end - in.readerIndex()];
        in.readBytes(value);
        in.readerIndex(next);
        return value;
    }
}

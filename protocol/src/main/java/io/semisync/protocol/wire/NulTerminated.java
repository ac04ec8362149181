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
        final int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte)0);
        if (end < 0)
        {
            throw new MalformedPacketException(field + " is not terminated by NUL");
        }
        final String value = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end + 1);
        return value;
    }

    /** Reads up to the next NUL, or to the end when there is none (servers differ on the last field). */
    public static String readStringOrRest(final ByteBuf in)
    {
        final int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte)0);
        final int stop = end < 0 ? in.writerIndex() : end;
        final String value = in.toString(in.readerIndex(), stop - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end < 0 ? stop : stop + 1);
        return value;
    }

    /** Writes {@code value} and a NUL. */
    public static void write(final ByteBuf out, final byte[] value)
    {
        out.writeBytes(value);
        out.writeByte(0);
    }
}

package io.semisync.protocol.wire;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;

/**
 * Length-encoded integers and strings: a value below 251 is one byte; {@code 0xFC}, {@code 0xFD} and
 * {@code 0xFE} prefix a little-endian integer of 2, 3 and 8 bytes. {@code 0xFB} marks SQL NULL in a text row.
 */
public final class LengthEncoding
{
    /** First byte of a NULL column value in a text row. */
    public static final int NULL_MARKER = 0xFB;
    /** Prefix of a 2-byte integer. */
    public static final int TWO_BYTE_PREFIX = 0xFC;
    /** Prefix of a 3-byte integer. */
    public static final int THREE_BYTE_PREFIX = 0xFD;
    /** Prefix of an 8-byte integer. */
    public static final int EIGHT_BYTE_PREFIX = 0xFE;

    private static final int ONE_BYTE_LIMIT = 251;
    private static final int TWO_BYTE_LIMIT = 1 << 16;
    private static final int THREE_BYTE_LIMIT = 1 << 24;

    private LengthEncoding()
    {
    }

    /** Reads a length-encoded integer at the reader index; the 8-byte form is returned as an unsigned bit pattern. */
    public static long readInteger(final ByteBuf in)
    {
        final int first = readUnsignedByte(in);
        switch (first)
        {
            case TWO_BYTE_PREFIX:
                require(in, 2);
                return in.readUnsignedShortLE();
            case THREE_BYTE_PREFIX:
                require(in, 3);
                return in.readUnsignedMediumLE();
            case EIGHT_BYTE_PREFIX:
                require(in, 8);
                return in.readLongLE();
            case NULL_MARKER:
            case 0xFF:
                throw new MalformedPacketException("byte 0x" + Integer.toHexString(first) + " does not start a length-encoded integer");
            default:
                return first;
        }
    }

    /** Reads a length-encoded length and checks that that many bytes follow. */
    public static int readLength(final ByteBuf in)
    {
        final long length = readInteger(in);
        if (length < 0 || length > in.readableBytes())
        {
            throw new MalformedPacketException(
                "length-encoded string of " + Long.toUnsignedString(length) + " bytes but only " + in.readableBytes() + " remain");
        }
        return (int)length;
    }

    /** Reads a length-encoded string as UTF-8. */
    public static String readString(final ByteBuf in)
    {
        final int length = readLength(in);
        final String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** Reads a length-encoded byte string. */
    public static byte[] readBytes(final ByteBuf in)
    {
        final byte[] value = new byte[readLength(in)];
        in.readBytes(value);
        return value;
    }

    /** Bytes {@link #writeInteger(ByteBuf, long)} takes for {@code value} (non-negative). */
    public static int integerLength(final long value)
    {
        if (value < ONE_BYTE_LIMIT)
        {
            return 1;
        }
        if (value < TWO_BYTE_LIMIT)
        {
            return 3;
        }
        if (value < THREE_BYTE_LIMIT)
        {
            return 4;
        }
        return 9;
    }

    /** Writes a non-negative length-encoded integer. */
    public static void writeInteger(final ByteBuf out, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("length-encoded integer must not be negative: " + value);
        }
        if (value < ONE_BYTE_LIMIT)
        {
            out.writeByte((int)value);
        }
        else if (value < TWO_BYTE_LIMIT)
        {
            out.writeByte(TWO_BYTE_PREFIX);
            out.writeShortLE((int)value);
        }
        else if (value < THREE_BYTE_LIMIT)
        {
            out.writeByte(THREE_BYTE_PREFIX);
            out.writeMediumLE((int)value);
        }
        else
        {
            out.writeByte(EIGHT_BYTE_PREFIX);
            out.writeLongLE(value);
        }
    }

    /** Bytes of a length-encoded string holding {@code length} bytes. */
    public static int stringLength(final int length)
    {
        return integerLength(length) + length;
    }

    /** Writes {@code value} as a length-encoded string. */
    public static void writeBytes(final ByteBuf out, final byte[] value)
    {
        writeInteger(out, value.length);
        out.writeBytes(value);
    }

    private static int readUnsignedByte(final ByteBuf in)
    {
        require(in, 1);
        return in.readUnsignedByte();
    }

    private static void require(final ByteBuf in, final int length)
    {
        if (in.readableBytes() < length)
        {
            throw new MalformedPacketException("length-encoded integer truncated: needs " + length + " bytes, " + in.readableBytes() + " remain");
        }
    }
}

package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A read position over a bounded part of an event: each read checks that its bytes lie before the limit and
 * throws {@link RowDecodeException} naming {@code what} it was reading otherwise. Reused, not allocated per read.
 */
final class EventReader
{
    private DirectBuffer buffer;
    private int position;
    private int limit;

    EventReader wrap(final DirectBuffer buffer, final int offset, final int limit)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
        return this;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    int limit()
    {
        return limit;
    }

    int remaining()
    {
        return limit - position;
    }

    boolean hasRemaining()
    {
        return position < limit;
    }

    void require(final long length, final String what)
    {
        if (length < 0 || length > limit - position)
        {
            throw new RowDecodeException(what + " needs " + length + " bytes at offset " + position + " but only "
                + (limit - position) + " remain in the event");
        }
    }

    int skip(final long length, final String what)
    {
        require(length, what);
        final int start = position;
        position += (int)length;
        return start;
    }

    int u8(final String what)
    {
        require(1, what);
        return buffer.getByte(position++) & 0xFF;
    }

    int u16(final String what)
    {
        require(2, what);
        final int value = buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
        position += 2;
        return value;
    }

    long u48(final String what)
    {
        require(6, what);
        final long value = (buffer.getInt(position, LITTLE_ENDIAN) & 0xFFFF_FFFFL)
            | (long)(buffer.getShort(position + 4, LITTLE_ENDIAN) & 0xFFFF) << 32;
        position += 6;
        return value;
    }

    /** A length-encoded integer: below 251 one byte, 252 two more bytes, 253 three, 254 eight. */
    long packed(final String what)
    {
        final int first = u8(what);
        if (first < 251)
        {
            return first;
        }
        switch (first)
        {
            case 252:
                return u16(what);
            case 253:
            {
                require(3, what);
                final long value = (buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF)
                    | (long)(buffer.getByte(position + 2) & 0xFF) << 16;
                position += 3;
                return value;
            }
            case 254:
            {
                require(8, what);
                final long value = buffer.getLong(position, LITTLE_ENDIAN);
                position += 8;
                return value;
            }
            default:
                throw new RowDecodeException(what + " starts with " + first + ", not a length-encoded integer, at offset "
                    + (position - 1));
        }
    }

    /** A length-encoded integer that must fit an int and be at most {@code max}. */
    int packedInt(final long max, final String what)
    {
        final long value = packed(what);
        if (value < 0 || value > max)
        {
            throw new RowDecodeException(what + " is " + Long.toUnsignedString(value) + ", more than " + max);
        }
        return (int)value;
    }

    String utf8(final int length, final String what)
    {
        final int start = skip(length, what);
        final byte[] bytes = new byte[length];
        buffer.getBytes(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

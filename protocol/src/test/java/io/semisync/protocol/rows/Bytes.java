package io.semisync.protocol.rows;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds fixture bytes field by field, little-endian unless said otherwise, and places them at an offset. */
final class Bytes
{
    /** Filler around a fixture placed at an offset, so that a view reading outside its bounds sees garbage. */
    static final byte FILLER = (byte)0xEE;
    static final int OFFSET = 11;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(final int... values)
    {
        for (final int value : values)
        {
            out.write(value);
        }
        return this;
    }

    Bytes u16(final int value)
    {
        return u8(value & 0xFF, (value >>> 8) & 0xFF);
    }

    Bytes u24(final int value)
    {
        return u8(value & 0xFF, (value >>> 8) & 0xFF, (value >>> 16) & 0xFF);
    }

    Bytes u32(final long value)
    {
        return u16((int)value & 0xFFFF).u16((int)(value >>> 16) & 0xFFFF);
    }

    Bytes u48(final long value)
    {
        return u32(value & 0xFFFF_FFFFL).u16((int)(value >>> 32));
    }

    Bytes u64(final long value)
    {
        return u32(value & 0xFFFF_FFFFL).u32(value >>> 32);
    }

    /** Big-endian, {@code width} bytes. */
    Bytes bigEndian(final long value, final int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            out.write((int)(value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** A length-encoded integer. */
    Bytes packed(final long value)
    {
        if (value < 251)
        {
            return u8((int)value);
        }
        if (value < 65536)
        {
            return u8(252).u16((int)value);
        }
        if (value < 1 << 24)
        {
            return u8(253).u24((int)value);
        }
        return u8(254).u64(value);
    }

    Bytes bytes(final byte[] bytes)
    {
        out.writeBytes(bytes);
        return this;
    }

    Bytes utf8(final String text)
    {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A length-encoded length, then the UTF-8 text. */
    Bytes packedUtf8(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return packed(bytes.length).bytes(bytes);
    }

    int size()
    {
        return out.size();
    }

    byte[] toArray()
    {
        return out.toByteArray();
    }

    /** A heap buffer holding {@code bytes} at {@link #OFFSET}, filler before and after. */
    static UnsafeBuffer at(final byte[] bytes)
    {
        final byte[] array = new byte[OFFSET + bytes.length + 7];
        Arrays.fill(array, FILLER);
        System.arraycopy(bytes, 0, array, OFFSET, bytes.length);
        return new UnsafeBuffer(array);
    }
}

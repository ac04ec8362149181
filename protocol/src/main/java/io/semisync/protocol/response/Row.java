package io.semisync.protocol.response;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * One row of a text result set: every value is a length-encoded string, or the byte 0xFB for NULL.
 * Values are kept as the server sent them and converted on access.
 */
public final class Row
{
    private final byte[][] values;

    private Row(final byte[][] values)
    {
        this.values = values;
    }

    /** Reads a text row of {@code columnCount} values; the reader index moves to its end. */
    public static Row decode(final ByteBuf in, final int columnCount)
    {
        final byte[][] values = new byte[columnCount][];
        for (int i = 0; i < columnCount; i++)
        {
            if (!in.isReadable())
            {
                throw new MalformedPacketException("text row ends after " + i + " of " + columnCount + " values");
            }
            if (in.getUnsignedByte(in.readerIndex()) == LengthEncoding.NULL_MARKER)
            {
                in.skipBytes(1);
            }
            else
            {
                values[i] = LengthEncoding.readBytes(in);
            }
        }
        if (in.isReadable())
        {
            throw new MalformedPacketException("text row has " + in.readableBytes() + " bytes after its " + columnCount + " values");
        }
        return new Row(values);
    }

    public int size()
    {
        return values.length;
    }

    public boolean isNull(final int column)
    {
        return values[column] == null;
    }

    /** The value as UTF-8 text, {@code null} for SQL NULL. */
    public String getString(final int column)
    {
        final byte[] value = values[column];
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The raw bytes of the value, {@code null} for SQL NULL. */
    public byte[] getBytes(final int column)
    {
        final byte[] value = values[column];
        return value == null ? null : value.clone();
    }

    /** The value parsed as a decimal integer; fails on NULL. */
    public long getLong(final int column)
    {
        final String value = getString(column);
        if (value == null)
        {
            throw new IllegalStateException("column " + column + " is NULL");
        }
        return Long.parseLong(value);
    }
}

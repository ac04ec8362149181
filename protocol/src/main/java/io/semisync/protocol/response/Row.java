package io.semisync.protocol.response;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * One row of a text result set: every value is a length-encoded string, or the byte 0xFB for NULL.
 * Values are kept as the server sent them and converted on access; a server builds rows with {@link #text}.
 */
public final class Row implements ServerMessage
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

    /** A row of these values as UTF-8 text, {@code null} for SQL NULL. */
    public static Row text(final List<String> values)
    {
        final byte[][] encoded = new byte[values.size()][];
        for (int i = 0; i < encoded.length; i++)
        {
            final String value = values.get(i);
            encoded[i] = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        }
        return new Row(encoded);
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

    @Override
    public int payloadLength()
    {
        long length = 0;
        for (final byte[] value : values)
        {
            length += value == null ? 1 : LengthEncoding.stringLength(value.length);
        }
        if (length > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("text row of " + length + " bytes is too large to send");
        }
        return (int)length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        for (final byte[] value : values)
        {
            if (value == null)
            {
                out.writeByte(LengthEncoding.NULL_MARKER);
            }
            else
            {
                LengthEncoding.writeBytes(out, value);
            }
        }
    }
}

package io.semisync.protocol.rows;

import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** JSON into a jackson {@link JsonGenerator}; bytes are copied into a reused array, not a new one per value. */
final class GeneratorJsonOutput implements JsonOutput
{
    private JsonGenerator generator;
    private final SingleByteCharsets singleByteCharsets = new SingleByteCharsets();
    private byte[] scratch = new byte[256];
    private char[] chars = new char[256];

    GeneratorJsonOutput wrap(final JsonGenerator generator)
    {
        if (this.generator != generator)
        {
            this.generator = generator;
        }
        return this;
    }

    @Override
    public void nullValue()
    {
        try
        {
            generator.writeNull();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void booleanValue(final boolean value)
    {
        try
        {
            generator.writeBoolean(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void number(final long value)
    {
        try
        {
            generator.writeNumber(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void unsignedNumber(final long value)
    {
        try
        {
            if (value >= 0)
            {
                generator.writeNumber(value);
            }
            else
            {
                generator.writeNumber(Long.toUnsignedString(value));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void number(final double value)
    {
        try
        {
            generator.writeNumber(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void number(final float value)
    {
        try
        {
            generator.writeNumber(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void numberText(final char[] chars, final int offset, final int length)
    {
        try
        {
            generator.writeNumber(chars, offset, length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void string(final char[] chars, final int offset, final int length)
    {
        try
        {
            generator.writeString(chars, offset, length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void plainString(final char[] chars, final int offset, final int length)
    {
        string(chars, offset, length);
    }

    @Override
    public void string(final String value)
    {
        try
        {
            generator.writeString(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void utf8String(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                generator.writeUTF8String(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                generator.writeUTF8String(copy(buffer, offset, length), 0, length);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void string(final DirectBuffer buffer, final int offset, final int length, final Charset charset)
    {
        if (charset == StandardCharsets.UTF_8)
        {
            utf8String(buffer, offset, length);
            return;
        }
        final char[] table = singleByteCharsets.tableOf(charset);
        if (table == null)
        {
            string(new String(copy(buffer, offset, length), 0, length, charset));
            return;
        }
        if (chars.length < length)
        {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        for (int i = 0; i < length; i++)
        {
            chars[i] = table[buffer.getByte(offset + i) & 0xFF];
        }
        string(chars, 0, length);
    }

    @Override
    public void base64(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                generator.writeBinary(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                generator.writeBinary(copy(buffer, offset, length), 0, length);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void raw(final String json)
    {
        try
        {
            generator.writeRawValue(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void startObject()
    {
        try
        {
            generator.writeStartObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void fieldName(final String name)
    {
        try
        {
            generator.writeFieldName(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void utf8FieldName(final DirectBuffer buffer, final int offset, final int length)
    {
        fieldName(buffer.getStringWithoutLengthUtf8(offset, length));
    }

    @Override
    public void endObject()
    {
        try
        {
            generator.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void startArray()
    {
        try
        {
            generator.writeStartArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void endArray()
    {
        try
        {
            generator.writeEndArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scratch.length < length)
        {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buffer.getBytes(offset, scratch, 0, length);
        return scratch;
    }
}

package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** JSON text into an {@link Appendable}, with the commas and colons a generator would put between values. */
final class AppendableJsonOutput implements JsonOutput
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private Appendable out;
    /** The output when it is a StringBuilder: appended to directly, a char array at a time where possible. */
    private StringBuilder builder;
    private final SingleByteCharsets singleByteCharsets = new SingleByteCharsets();
    /** Per nesting level: 0 nothing written yet, 1 a value written (a comma comes next), 2 a field name written. */
    private byte[] state = new byte[16];
    private int depth;

    AppendableJsonOutput wrap(final Appendable out)
    {
        if (this.out != out)
        {
            this.out = out;
            this.builder = out instanceof StringBuilder stringBuilder ? stringBuilder : null;
        }
        this.depth = 0;
        this.state[0] = 0;
        return this;
    }

    @Override
    public void nullValue()
    {
        beforeValue();
        append("null");
    }

    @Override
    public void booleanValue(final boolean value)
    {
        beforeValue();
        append(value ? "true" : "false");
    }

    @Override
    public void number(final long value)
    {
        beforeValue();
        append(Long.toString(value));
    }

    @Override
    public void unsignedNumber(final long value)
    {
        beforeValue();
        append(Long.toUnsignedString(value));
    }

    @Override
    public void number(final double value)
    {
        beforeValue();
        append(Double.toString(value));
    }

    @Override
    public void number(final float value)
    {
        beforeValue();
        append(Float.toString(value));
    }

    @Override
    public void numberText(final char[] chars, final int offset, final int length)
    {
        beforeValue();
        for (int i = 0; i < length; i++)
        {
            append(chars[offset + i]);
        }
    }

    @Override
    public void string(final char[] chars, final int offset, final int length)
    {
        beforeValue();
        append('"');
        for (int i = 0; i < length; i++)
        {
            escaped(chars[offset + i]);
        }
        append('"');
    }

    @Override
    public void plainString(final char[] chars, final int offset, final int length)
    {
        beforeValue();
        append('"');
        if (builder != null)
        {
            builder.append(chars, offset, length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                append(chars[offset + i]);
            }
        }
        append('"');
    }

    @Override
    public void string(final String value)
    {
        beforeValue();
        quoted(value);
    }

    @Override
    public void utf8String(final DirectBuffer buffer, final int offset, final int length)
    {
        beforeValue();
        quotedUtf8(buffer, offset, length);
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
        if (table != null)
        {
            beforeValue();
            append('"');
            for (int i = 0; i < length; i++)
            {
                escaped(table[buffer.getByte(offset + i) & 0xFF]);
            }
            append('"');
            return;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        string(new String(bytes, charset));
    }

    @Override
    public void base64(final DirectBuffer buffer, final int offset, final int length)
    {
        beforeValue();
        append('"');
        int i = 0;
        for (; i + 3 <= length; i += 3)
        {
            final int bits = (buffer.getByte(offset + i) & 0xFF) << 16 | (buffer.getByte(offset + i + 1) & 0xFF) << 8
                | (buffer.getByte(offset + i + 2) & 0xFF);
            append(BASE64[bits >>> 18]);
            append(BASE64[(bits >>> 12) & 63]);
            append(BASE64[(bits >>> 6) & 63]);
            append(BASE64[bits & 63]);
        }
        if (i < length)
        {
            final int first = buffer.getByte(offset + i) & 0xFF;
            final int second = i + 1 < length ? buffer.getByte(offset + i + 1) & 0xFF : 0;
            final int bits = first << 16 | second << 8;
            append(BASE64[bits >>> 18]);
            append(BASE64[(bits >>> 12) & 63]);
            append(i + 1 < length ? BASE64[(bits >>> 6) & 63] : '=');
            append('=');
        }
        append('"');
    }

    @Override
    public void raw(final String json)
    {
        beforeValue();
        append(json);
    }

    @Override
    public void startObject()
    {
        beforeValue();
        append('{');
        push();
    }

    @Override
    public void fieldName(final String name)
    {
        beforeName();
        quoted(name);
        append(':');
    }

    @Override
    public void utf8FieldName(final DirectBuffer buffer, final int offset, final int length)
    {
        beforeName();
        quotedUtf8(buffer, offset, length);
        append(':');
    }

    @Override
    public void endObject()
    {
        depth--;
        append('}');
    }

    @Override
    public void startArray()
    {
        beforeValue();
        append('[');
        push();
    }

    @Override
    public void endArray()
    {
        depth--;
        append(']');
    }

    private void push()
    {
        depth++;
        if (depth == state.length)
        {
            state = Arrays.copyOf(state, depth * 2);
        }
        state[depth] = 0;
    }

    private void beforeValue()
    {
        if (state[depth] == 1)
        {
            append(',');
        }
        state[depth] = 1;
    }

    private void beforeName()
    {
        if (state[depth] == 1)
        {
            append(',');
        }
        state[depth] = 2;
    }

    private void quoted(final String value)
    {
        append('"');
        for (int i = 0; i < value.length(); i++)
        {
            escaped(value.charAt(i));
        }
        append('"');
    }

    private void quotedUtf8(final DirectBuffer buffer, final int offset, final int length)
    {
        append('"');
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (b < 0x80)
            {
                escaped((char)b);
                i++;
                continue;
            }
            final int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
            int codePoint = extra == 3 ? b & 0x07 : extra == 2 ? b & 0x0F : b & 0x1F;
            boolean valid = extra > 0 && b < 0xF5 && i + extra < end;
            for (int k = 1; valid && k <= extra; k++)
            {
                final int next = buffer.getByte(i + k) & 0xFF;
                valid = (next & 0xC0) == 0x80;
                codePoint = codePoint << 6 | (next & 0x3F);
            }
            if (valid && codePoint >= (extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000)
                && (codePoint < 0xD800 || codePoint > 0xDFFF) && codePoint <= 0x10FFFF)
            {
                if (codePoint >= 0x10000)
                {
                    append(Character.highSurrogate(codePoint));
                    append(Character.lowSurrogate(codePoint));
                }
                else
                {
                    escaped((char)codePoint);
                }
                i += extra + 1;
            }
            else
            {
                append('\uFFFD');
                i++;
            }
        }
        append('"');
    }

    private void escaped(final char c)
    {
        if (c >= 0x20 && c != '"' && c != '\\')
        {
            append(c);
            return;
        }
        switch (c)
        {
            case '"' -> append("\\\"");
            case '\\' -> append("\\\\");
            case '\n' -> append("\\n");
            case '\r' -> append("\\r");
            case '\t' -> append("\\t");
            case '\b' -> append("\\b");
            case '\f' -> append("\\f");
            default ->
            {
                if (c < 0x20)
                {
                    append("\\u00");
                    append(HEX[c >> 4]);
                    append(HEX[c & 15]);
                }
                else
                {
                    append(c);
                }
            }
        }
    }

    private void append(final char c)
    {
        if (builder != null)
        {
            builder.append(c);
            return;
        }
        try
        {
            out.append(c);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void append(final CharSequence text)
    {
        if (builder != null)
        {
            builder.append(text);
            return;
        }
        try
        {
            out.append(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

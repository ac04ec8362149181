package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

/**
 * MySQL's binary DECIMAL: the integer and fraction digits each in groups of nine per 4 bytes, a shorter
 * group (1-4 bytes for 1-8 digits) at the outer ends, big-endian; the top bit of the first byte is set for
 * a positive value, and a negative value has every byte inverted. Formats to text without objects.
 */
final class BinaryDecimal
{
    private static final int DIGITS_PER_GROUP = 9;
    private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};
    /** Sign, 65 digits, point and a leading zero at most. */
    static final int MAX_CHARS = 68;

    private BinaryDecimal()
    {
    }

    /** Bytes of a DECIMAL(precision, scale) value. */
    static int size(final int precision, final int scale)
    {
        final int integerDigits = precision - scale;
        return integerDigits / DIGITS_PER_GROUP * 4 + BYTES_FOR_DIGITS[integerDigits % DIGITS_PER_GROUP]
            + scale / DIGITS_PER_GROUP * 4 + BYTES_FOR_DIGITS[scale % DIGITS_PER_GROUP];
    }

    /** Writes the value as plain decimal text ({@code -12.50}, scale digits after the point) and returns its length. */
    static int format(final DirectBuffer buffer, final int offset, final int precision, final int scale, final char[] out)
    {
        final int integerDigits = precision - scale;
        final boolean negative = (buffer.getByte(offset) & 0x80) == 0;
        final int mask = negative ? 0xFF : 0;
        int at = offset;
        int length = 0;
        if (negative)
        {
            out[length++] = '-';
        }
        final int integerStart = length;
        final int leading = integerDigits % DIGITS_PER_GROUP;
        if (leading > 0)
        {
            final int bytes = BYTES_FOR_DIGITS[leading];
            final int group = group(buffer, at, bytes, mask, true);
            at += bytes;
            length = digits(group, leading, out, length, integerStart);
        }
        for (int g = 0; g < integerDigits / DIGITS_PER_GROUP; g++)
        {
            final int group = group(buffer, at, 4, mask, at == offset);
            at += 4;
            length = digits(group, DIGITS_PER_GROUP, out, length, integerStart);
        }
        if (length == integerStart)
        {
            out[length++] = '0';
        }
        if (scale > 0)
        {
            out[length++] = '.';
            for (int g = 0; g < scale / DIGITS_PER_GROUP; g++)
            {
                final int group = group(buffer, at, 4, mask, at == offset);
                at += 4;
                length = padded(group, DIGITS_PER_GROUP, out, length);
            }
            final int trailing = scale % DIGITS_PER_GROUP;
            if (trailing > 0)
            {
                final int bytes = BYTES_FOR_DIGITS[trailing];
                length = padded(group(buffer, at, bytes, mask, at == offset), trailing, out, length);
            }
        }
        if (negative && isZero(out, 1, length))
        {
            System.arraycopy(out, 1, out, 0, length - 1);
            length--;
        }
        return length;
    }

    /** The unscaled value of a DECIMAL of at most 18 digits: its digit groups in order, as one number. */
    static long unscaled(final DirectBuffer buffer, final int offset, final int precision, final int scale)
    {
        final int integerDigits = precision - scale;
        final boolean negative = (buffer.getByte(offset) & 0x80) == 0;
        final int mask = negative ? 0xFF : 0;
        long value = 0;
        int at = offset;
        final int leading = integerDigits % DIGITS_PER_GROUP;
        if (leading > 0)
        {
            final int bytes = BYTES_FOR_DIGITS[leading];
            value = checked(group(buffer, at, bytes, mask, true), leading);
            at += bytes;
        }
        for (int g = 0; g < integerDigits / DIGITS_PER_GROUP; g++)
        {
            value = value * POWERS_OF_TEN[DIGITS_PER_GROUP] + group(buffer, at, 4, mask, at == offset);
            at += 4;
        }
        for (int g = 0; g < scale / DIGITS_PER_GROUP; g++)
        {
            value = value * POWERS_OF_TEN[DIGITS_PER_GROUP] + group(buffer, at, 4, mask, at == offset);
            at += 4;
        }
        final int trailing = scale % DIGITS_PER_GROUP;
        if (trailing > 0)
        {
            value = value * POWERS_OF_TEN[trailing] + checked(group(buffer, at, BYTES_FOR_DIGITS[trailing], mask, at == offset), trailing);
        }
        return negative ? -value : value;
    }

    private static int checked(final int group, final int width)
    {
        if (group >= POWERS_OF_TEN[width])
        {
            throw new RowDecodeException("DECIMAL digit group " + group + " has more than " + width + " digits");
        }
        return group;
    }

    private static boolean isZero(final char[] chars, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (chars[i] != '0' && chars[i] != '.')
            {
                return false;
            }
        }
        return true;
    }

    private static int group(final DirectBuffer buffer, final int at, final int bytes, final int mask, final boolean first)
    {
        int value = 0;
        for (int i = 0; i < bytes; i++)
        {
            int b = (buffer.getByte(at + i) & 0xFF) ^ mask;
            if (first && i == 0)
            {
                b ^= 0x80;
            }
            value = value << 8 | b;
        }
        if (value < 0 || value > 999_999_999)
        {
            throw new RowDecodeException("DECIMAL digit group " + Integer.toUnsignedString(value) + " has more than nine digits");
        }
        return value;
    }

    /** Integer digits: no leading zeros until the first non-zero digit of the integer part. */
    private static int digits(final int group, final int width, final char[] out, final int length, final int integerStart)
    {
        if (length == integerStart)
        {
            if (group == 0)
            {
                return length;
            }
            if (group >= pow10(width))
            {
                throw new RowDecodeException("DECIMAL digit group " + group + " has more than " + width + " digits");
            }
            int width0 = 1;
            while (width0 < width && group >= pow10(width0))
            {
                width0++;
            }
            return padded(group, width0, out, length);
        }
        return padded(group, width, out, length);
    }

    private static int padded(final int group, final int width, final char[] out, final int length)
    {
        if (group >= pow10(width))
        {
            throw new RowDecodeException("DECIMAL digit group " + group + " has more than " + width + " digits");
        }
        int value = group;
        for (int i = width - 1; i >= 0; i--)
        {
            out[length + i] = (char)('0' + value % 10);
            value /= 10;
        }
        return length + width;
    }

    private static int pow10(final int width)
    {
        return POWERS_OF_TEN[width];
    }
}

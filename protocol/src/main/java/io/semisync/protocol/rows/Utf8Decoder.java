package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

/** UTF-8 bytes to UTF-16 chars without objects; an invalid or truncated sequence becomes U+FFFD. */
final class Utf8Decoder
{
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8Decoder()
    {
    }

    /** Decodes into {@code destination}, which needs {@code length} chars at most; returns the chars written. */
    static int decode(final DirectBuffer buffer, final int offset, final int length, final char[] destination)
    {
        final int end = offset + length;
        int i = offset;
        int written = 0;
        while (i < end)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (b < 0x80)
            {
                destination[written++] = (char)b;
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
                    destination[written++] = Character.highSurrogate(codePoint);
                    destination[written++] = Character.lowSurrogate(codePoint);
                }
                else
                {
                    destination[written++] = (char)codePoint;
                }
                i += extra + 1;
            }
            else
            {
                destination[written++] = REPLACEMENT;
                i++;
            }
        }
        return written;
    }
}

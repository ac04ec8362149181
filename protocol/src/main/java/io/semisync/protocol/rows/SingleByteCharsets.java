package io.semisync.protocol.rows;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-to-char tables of the single-byte charsets (latin1 as Windows-1252, ASCII, the ISO-8859 and Windows
 * code pages), so their text is decoded a byte at a time into the output without a String per value. An
 * instance remembers the last table it gave; one per output, not shared between threads.
 */
final class SingleByteCharsets
{
    private static final char[] NOT_SINGLE_BYTE = new char[0];
    private static final Map<Charset, char[]> TABLES = new ConcurrentHashMap<>();

    private Charset lastCharset;
    private char[] lastTable;

    /** The table of {@code charset} as {@link #table(Charset)}, remembering the last one (columns repeat). */
    char[] tableOf(final Charset charset)
    {
        if (charset != lastCharset)
        {
            lastCharset = charset;
            lastTable = table(charset);
        }
        return lastTable;
    }

    /** The 256 chars of a single-byte charset, or null for a multi-byte one. */
    static char[] table(final Charset charset)
    {
        final char[] table = TABLES.computeIfAbsent(charset, SingleByteCharsets::build);
        return table == NOT_SINGLE_BYTE ? null : table;
    }

    private static char[] build(final Charset charset)
    {
        if (charset == StandardCharsets.UTF_8 || !charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1.0f)
        {
            return NOT_SINGLE_BYTE;
        }
        final byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)i;
        }
        final String decoded = charset.decode(ByteBuffer.wrap(bytes)).toString();
        return decoded.length() == 256 ? decoded.toCharArray() : NOT_SINGLE_BYTE;
    }
}

package io.semisync.protocol.binlog;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The variable-length integers of MySQL's serialization library (8.3+: GTID_TAGGED events, tags in GTID sets): 1 to 9
 * bytes, little-endian. The number of trailing one bits of the first byte, plus one, is the length. Up to 8 bytes, the
 * value's low bits follow that 0 bit in the first byte and continue in the next bytes; 9 bytes (first byte 0xFF) hold
 * the whole 64-bit value in the 8 bytes after it. A signed value is stored as an unsigned one whose lowest bit is the
 * sign: {@code x >= 0} as {@code x << 1}, {@code x < 0} as {@code (~x << 1) | 1}.
 */
final class VarlenInteger
{
    /** Largest value one byte holds. */
    static final int ONE_BYTE_MAX = 0x7F;
    static final int MAX_LENGTH = 9;

    private VarlenInteger()
    {
    }

    /** How many bytes the integer that starts with {@code firstByte} takes, 1 to 9. */
    static int length(final byte firstByte)
    {
        return Integer.numberOfTrailingZeros(~(firstByte & 0xFF)) + 1;
    }

    /** The unsigned value of the {@code length} bytes at {@code offset}. */
    static long unsigned(final DirectBuffer buffer, final int offset, final int length)
    {
        final int first = buffer.getByte(offset) & 0xFF;
        if (length == 1)
        {
            return first >>> 1;
        }
        if (length == MAX_LENGTH)
        {
            return buffer.getLong(offset + 1, LITTLE_ENDIAN);
        }
        long rest = 0;
        for (int i = length - 1; i >= 1; i--)
        {
            rest = rest << 8 | (buffer.getByte(offset + i) & 0xFFL);
        }
        return first >>> length | rest << (8 - length);
    }

    /** The signed value of the {@code length} bytes at {@code offset}. */
    static long signed(final DirectBuffer buffer, final int offset, final int length)
    {
        final long unsigned = unsigned(buffer, offset, length);
        return unsigned >>> 1 ^ -(unsigned & 1);
    }
}

package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import java.util.Base64;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Renders MySQL's binary JSON (the JSON column's storage and binlog format) as JSON, checking every offset
 * against the value's bounds. A document is a type byte and a value:
 * <pre>
 *   0x00/0x01 object, small (u16 counts and offsets) / large (u32): count, size, key entries (offset,
 *             u16 length), value entries (type u8, offset or an inlined scalar), then keys and values;
 *             offsets count from the byte after the type
 *   0x02/0x03 array, small / large: count, size, value entries, values
 *   0x04 literal u8 (0 null, 1 true, 2 false)   0x05-0x0a int16, uint16, int32, uint32, int64, uint64 (LE)
 *   0x0b double (LE)   0x0c string: length (7 bits a byte, low first), UTF-8
 *   0x0f opaque: MySQL column type u8, length as for strings, bytes (DECIMAL, DATE, TIME, DATETIME, ...)
 * </pre>
 * Small containers inline literals and 16-bit integers in the value entry; large ones 32-bit integers too.
 * MySQL stores each value once, so rendering reads each byte of a document at most once; offsets that point
 * several entries at one value would render it again and again (2^depth times when nested), so a document that
 * makes rendering read more bytes than it has is refused.
 * Opaque temporal values render as MySQL prints them ({@code "2015-01-15 23:24:25.000000"}), DECIMAL as a
 * number, other opaque values as MySQL's {@code "base64:typeNN:..."}.
 */
final class JsonBinary
{
    static final int SMALL_OBJECT = 0x00;
    static final int LARGE_OBJECT = 0x01;
    static final int SMALL_ARRAY = 0x02;
    static final int LARGE_ARRAY = 0x03;
    static final int LITERAL = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0a;
    static final int DOUBLE = 0x0b;
    static final int STRING = 0x0c;
    static final int OPAQUE = 0x0f;

    static final int LITERAL_NULL = 0;
    static final int LITERAL_TRUE = 1;
    static final int LITERAL_FALSE = 2;

    private static final int MAX_DEPTH = 150;

    private final char[] chars = new char[Math.max(BinaryDecimal.MAX_CHARS, TemporalValue.MAX_CHARS) + 8];
    private final TemporalValue temporal = new TemporalValue();
    private DirectBuffer buffer;
    private int limit;
    private int documentOffset;
    private int documentLength;
    /** Bytes of the document not yet read: container headers, keys and values out of line. */
    private long unread;

    /** Renders the document of {@code length} bytes at {@code offset}; an empty document is JSON null. */
    void render(final DirectBuffer buffer, final int offset, final int length, final JsonOutput out)
    {
        this.buffer = buffer;
        this.limit = offset + length;
        this.documentOffset = offset;
        this.documentLength = length;
        this.unread = length - 1L;
        if (length == 0)
        {
            out.nullValue();
            return;
        }
        value(buffer.getByte(offset) & 0xFF, offset + 1, out, 0);
    }

    /** A value out of line: its bytes count against what the document has. */
    private void value(final int type, final int at, final JsonOutput out, final int depth)
    {
        read(switch (type)
        {
            case LITERAL -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 4;
            case INT64, UINT64, DOUBLE -> 8;
            default -> 0;
        });
        inlinedOrValue(type, at, out, depth);
    }

    /** Counts {@code bytes} as read; refuses a document whose entries point at one value more than once. */
    private void read(final long bytes)
    {
        unread -= bytes;
        if (unread < 0)
        {
            throw new RowDecodeException("JSON document of " + documentLength + " bytes at offset " + documentOffset
                + " points several entries at the same bytes (rendering it reads more bytes than it has); MySQL stores each value once");
        }
    }

    private void inlinedOrValue(final int type, final int at, final JsonOutput out, final int depth)
    {
        switch (type)
        {
            case SMALL_OBJECT -> container(at, false, true, out, depth);
            case LARGE_OBJECT -> container(at, true, true, out, depth);
            case SMALL_ARRAY -> container(at, false, false, out, depth);
            case LARGE_ARRAY -> container(at, true, false, out, depth);
            case LITERAL -> literal(u8(at), out);
            case INT16 -> out.number(check(at, 2).getShort(at, LITTLE_ENDIAN));
            case UINT16 -> out.number(check(at, 2).getShort(at, LITTLE_ENDIAN) & 0xFFFF);
            case INT32 -> out.number(check(at, 4).getInt(at, LITTLE_ENDIAN));
            case UINT32 -> out.number(check(at, 4).getInt(at, LITTLE_ENDIAN) & 0xFFFF_FFFFL);
            case INT64 -> out.number(check(at, 8).getLong(at, LITTLE_ENDIAN));
            case UINT64 -> out.unsignedNumber(check(at, 8).getLong(at, LITTLE_ENDIAN));
            case DOUBLE -> out.number(check(at, 8).getDouble(at, LITTLE_ENDIAN));
            case STRING ->
            {
                final long header = variableLength(at);
                final int length = (int)header;
                final int start = (int)(header >>> 32);
                check(start, length);
                read(start - at + (long)length);
                out.utf8String(buffer, start, length);
            }
            case OPAQUE -> opaque(at, out);
            default -> throw new RowDecodeException("JSON value has type " + type + ", which binary JSON does not have");
        }
    }

    private void literal(final int literal, final JsonOutput out)
    {
        switch (literal)
        {
            case LITERAL_NULL -> out.nullValue();
            case LITERAL_TRUE -> out.booleanValue(true);
            case LITERAL_FALSE -> out.booleanValue(false);
            default -> throw new RowDecodeException("JSON literal " + literal + " is not null, true or false");
        }
    }

    private void container(final int start, final boolean large, final boolean object, final JsonOutput out, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new RowDecodeException("JSON document nests deeper than " + MAX_DEPTH + " levels");
        }
        final int width = large ? 4 : 2;
        final long count = unsigned(start, width);
        final long size = unsigned(start + width, width);
        if (size > limit - start || size < 2L * width)
        {
            throw new RowDecodeException("JSON " + (object ? "object" : "array") + " of " + size + " bytes at offset "
                + start + " does not fit the " + (limit - start) + " bytes left");
        }
        final int end = start + (int)size;
        final int keyEntrySize = width + 2;
        final int valueEntrySize = 1 + width;
        final long headerSize = 2L * width + (object ? count * keyEntrySize : 0) + count * valueEntrySize;
        if (headerSize > size)
        {
            throw new RowDecodeException("JSON container at offset " + start + " has " + count + " elements, too many for "
                + size + " bytes");
        }
        read(headerSize);
        final int keyEntries = start + 2 * width;
        final int valueEntries = keyEntries + (object ? (int)count * keyEntrySize : 0);
        final int saved = limit;
        limit = end;
        if (object)
        {
            out.startObject();
        }
        else
        {
            out.startArray();
        }
        for (int i = 0; i < count; i++)
        {
            if (object)
            {
                final int keyEntry = keyEntries + i * keyEntrySize;
                final int keyOffset = start + (int)unsigned(keyEntry, width);
                final int keyLength = (int)unsigned(keyEntry + width, 2);
                check(keyOffset, keyLength);
                read(keyLength);
                out.utf8FieldName(buffer, keyOffset, keyLength);
            }
            final int valueEntry = valueEntries + i * valueEntrySize;
            final int type = u8(valueEntry);
            if (isInlined(type, large))
            {
                inlinedOrValue(type, valueEntry + 1, out, depth + 1);
            }
            else
            {
                final long valueOffset = unsigned(valueEntry + 1, width);
                if (valueOffset >= size)
                {
                    throw new RowDecodeException("JSON value offset " + valueOffset + " is past its container of " + size + " bytes");
                }
                value(type, start + (int)valueOffset, out, depth + 1);
            }
        }
        if (object)
        {
            out.endObject();
        }
        else
        {
            out.endArray();
        }
        limit = saved;
    }

    private static boolean isInlined(final int type, final boolean large)
    {
        return type == LITERAL || type == INT16 || type == UINT16 || (large && (type == INT32 || type == UINT32));
    }

    private void opaque(final int at, final JsonOutput out)
    {
        final int fieldType = u8(at);
        final long header = variableLength(at + 1);
        final int length = (int)header;
        final int start = (int)(header >>> 32);
        check(start, length);
        read(start - at + (long)length);
        switch (fieldType)
        {
            case ColumnType.NEWDECIMAL ->
            {
                if (length < 2)
                {
                    throw new RowDecodeException("JSON decimal of " + length + " bytes has no precision and scale");
                }
                final int precision = u8(start);
                final int scale = u8(start + 1);
                if (precision == 0 || precision > 65 || scale > precision || BinaryDecimal.size(precision, scale) != length - 2)
                {
                    throw new RowDecodeException("JSON decimal (" + precision + "," + scale + ") does not fit its "
                        + length + " bytes");
                }
                out.numberText(chars, 0, BinaryDecimal.format(buffer, start + 2, precision, scale, chars));
            }
            case ColumnType.DATE, ColumnType.TIME, ColumnType.DATETIME, ColumnType.TIMESTAMP ->
            {
                if (length != 8)
                {
                    throw new RowDecodeException("JSON " + ColumnType.name(fieldType) + " has " + length + " bytes, not 8");
                }
                out.plainString(chars, 0, packedTemporal(fieldType, buffer.getLong(start, LITTLE_ENDIAN)));
            }
            default ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(start, bytes);
                out.string("base64:type" + fieldType + ":" + Base64.getEncoder().encodeToString(bytes));
            }
        }
    }

    /** MySQL's in-memory packed temporal: (integer part << 24) + microseconds, as MySQL prints it in JSON. */
    private int packedTemporal(final int fieldType, final long packed)
    {
        final boolean negative = packed < 0;
        final long magnitude = Math.abs(packed);
        final int micros = (int)(magnitude & 0xFF_FFFF);
        final long integer = magnitude >> 24;
        if (fieldType == ColumnType.TIME)
        {
            temporal.negative = negative;
            temporal.hour = (int)((integer >> 12) & 0x3FF);
            temporal.minute = (int)((integer >> 6) & 0x3F);
            temporal.second = (int)(integer & 0x3F);
            temporal.micros = micros;
            return temporal.format(ColumnType.TIME2, 6, chars);
        }
        final long yearMonthDay = integer >> 17;
        final long yearMonth = yearMonthDay >> 5;
        temporal.negative = false;
        temporal.day = (int)(yearMonthDay & 31);
        temporal.month = (int)(yearMonth % 13);
        temporal.year = (int)(yearMonth / 13);
        final long hms = integer & 0x1FFFF;
        temporal.hour = (int)(hms >> 12);
        temporal.minute = (int)((hms >> 6) & 0x3F);
        temporal.second = (int)(hms & 0x3F);
        temporal.micros = micros;
        if (fieldType == ColumnType.DATE)
        {
            return temporal.format(ColumnType.DATE, 0, chars);
        }
        final int length = temporal.format(ColumnType.DATETIME2, 6, chars);
        chars[10] = ' ';
        return length;
    }

    /** A length of 1-5 bytes, 7 bits each, low first; returns (start of the data) << 32 | length. */
    private long variableLength(final int at)
    {
        long length = 0;
        for (int i = 0; i < 5; i++)
        {
            final int b = u8(at + i);
            length |= (long)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (length > Integer.MAX_VALUE)
                {
                    throw new RowDecodeException("JSON length " + length + " at offset " + at + " is too large");
                }
                return (long)(at + i + 1) << 32 | length;
            }
        }
        throw new RowDecodeException("JSON length at offset " + at + " runs over 5 bytes");
    }

    private int u8(final int at)
    {
        return check(at, 1).getByte(at) & 0xFF;
    }

    private long unsigned(final int at, final int width)
    {
        check(at, width);
        return width == 2 ? buffer.getShort(at, LITTLE_ENDIAN) & 0xFFFF : buffer.getInt(at, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    private DirectBuffer check(final int at, final long length)
    {
        if (at < 0 || length < 0 || at + length > limit)
        {
            throw new RowDecodeException("JSON value of " + length + " bytes at offset " + at + " runs past its end at " + limit);
        }
        return buffer;
    }
}

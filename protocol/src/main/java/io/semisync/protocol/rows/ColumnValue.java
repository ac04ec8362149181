package io.semisync.protocol.rows;

import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One column of one row image, as a view over the event's bytes: reused for every column, so keep nothing
 * from it past the {@link RowVisitor#column} call. Typed accessors decode on demand; only {@link #asBigDecimal()},
 * {@link #asString()}, {@link #asBytes()} and the {@code java.time} accessors create objects.
 * <p>
 * JSON ({@link #writeJson(JsonGenerator)}, {@link #appendJson(Appendable)}) follows Debezium where it fits:
 * integers and floating point as numbers (BIGINT UNSIGNED as its exact unsigned value); DECIMAL as a string
 * of its exact digits; BIT(1) as a boolean and wider BIT as an unsigned number; DATE {@code "2024-02-29"},
 * TIME {@code "-838:59:59.000000"}, DATETIME {@code "2024-02-29T13:14:15.123"} (local, no zone), TIMESTAMP
 * {@code "2024-02-29T13:14:15.123Z"} (UTC), with as many fractional digits as the column declares and zero
 * dates as MySQL writes them ({@code "0000-00-00"}, {@code "0000-00-00T00:00:00Z"} for a zero TIMESTAMP); YEAR as a
 * number; text in its charset as a string; binary strings and BLOBs as base64 (BINARY(n) padded with zero
 * bytes to n as SELECT returns it); ENUM and SET as their value strings when the table map has them
 * ({@code binlog_row_metadata=FULL}), else as the index / bit mask number; MySQL's JSON as the JSON value
 * itself (not a string); GEOMETRY as {@code {"srid": n, "wkb": base64}}; VECTOR as an array of numbers.
 * Without charset metadata (MariaDB's default {@code binlog_row_metadata=NO_LOG}) CHAR and VARCHAR are read
 * as UTF-8 text and BLOB/TEXT as bytes (base64).
 */
public final class ColumnValue
{
    private final TemporalValue temporal = new TemporalValue();
    private final JsonBinary jsonBinary = new JsonBinary();
    private final JsonDiff jsonDiff = new JsonDiff(jsonBinary);
    private final AppendableJsonOutput appendableOutput = new AppendableJsonOutput();
    private final GeneratorJsonOutput generatorOutput = new GeneratorJsonOutput();
    private final char[] chars = new char[BinaryDecimal.MAX_CHARS + TemporalValue.MAX_CHARS];
    private final UnsafeBuffer padded = new UnsafeBuffer(new byte[0]);
    private final StringBuilder setText = new StringBuilder();
    private byte[] paddedBytes = new byte[0];
    private boolean temporalDecoded;

    private TableMap table;
    private RowImage image;
    private int column;
    private int type;
    private int metadata;
    private boolean isNull;
    private boolean isJsonDiff;
    private DirectBuffer jsonBase;
    private int jsonBaseOffset;
    private int jsonBaseLength;
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /** Points at a NULL of {@code column}. */
    void wrapNull(final TableMap table, final RowImage image, final int column)
    {
        set(table, image, column);
        this.isNull = true;
        this.offset = 0;
        this.length = 0;
    }

    /**
     * Points at the value of {@code column} that starts at {@code position}; returns the bytes it takes
     * (length prefix and value), checked against {@code limit}.
     */
    int wrap(final TableMap table, final RowImage image, final int column, final DirectBuffer buffer, final int position, final int limit)
    {
        set(table, image, column);
        this.isNull = false;
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        final int available = limit - position;
        final int fixed = table.valueSize(column);
        if (fixed >= 0)
        {
            if (fixed > available)
            {
                throw new RowDecodeException(describe() + " needs " + fixed + " bytes at offset " + position + " but only "
                    + available + " remain in the event");
            }
            this.offset = position;
            this.length = fixed;
            return fixed;
        }
        final int prefix = table.lengthBytes(column);
        if (prefix <= 0)
        {
            throw new RowDecodeException(describe() + " has a type this decoder cannot read");
        }
        final int size = lengthPrefix(position, prefix, available);
        if (size > table.maxLength(column))
        {
            throw new RowDecodeException(describe() + " holds " + size + " bytes, more than its " + metadata);
        }
        this.offset = position + prefix;
        this.length = size;
        return prefix + size;
    }

    private int lengthPrefix(final int position, final int prefix, final int available)
    {
        if (prefix > available)
        {
            throw new RowDecodeException(describe() + " needs a " + prefix + "-byte length at offset " + position
                + " but only " + available + " bytes remain in the event");
        }
        final long value = switch (prefix)
        {
            case 1 -> buffer.getByte(position) & 0xFF;
            case 2 -> buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
            case 3 -> (buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF) | (buffer.getByte(position + 2) & 0xFF) << 16;
            default -> buffer.getInt(position, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        };
        if (value > available - prefix)
        {
            throw new RowDecodeException(describe() + " announces " + value + " bytes at offset " + position + " but only "
                + (available - prefix) + " remain in the event");
        }
        return (int)value;
    }

    /** Reference fields are written only when they change: each write costs the collector's write barrier. */
    private void set(final TableMap table, final RowImage image, final int column)
    {
        if (this.table != table)
        {
            this.table = table;
        }
        if (this.image != image)
        {
            this.image = image;
        }
        this.column = column;
        this.type = table.columnType(column);
        this.metadata = table.columnMetadata(column);
        this.temporalDecoded = false;
        this.isJsonDiff = false;
    }

    /**
     * Marks the value a partial JSON update: a diff against the before value, which is at {@code baseOffset}
     * in {@code base} when the before image holds it ({@code base} null when not).
     */
    void markJsonDiff(final DirectBuffer base, final int baseOffset, final int baseLength)
    {
        if (type != ColumnType.JSON)
        {
            throw new RowDecodeException(describe() + " is marked a partial JSON update but is not JSON");
        }
        isJsonDiff = true;
        jsonBase = base;
        jsonBaseOffset = baseOffset;
        jsonBaseLength = baseLength;
    }

    private String describe()
    {
        final String name = table.columnName(column);
        return ColumnType.name(type) + " column " + column + (name == null ? "" : " (" + name + ")") + " of "
            + table.database() + "." + table.table();
    }

    public TableMap table()
    {
        return table;
    }

    public RowImage image()
    {
        return image;
    }

    /** The column's index in the table. */
    public int column()
    {
        return column;
    }

    /** The column's name, or null without FULL metadata. */
    public String name()
    {
        return table.columnName(column);
    }

    /** The real type ({@link TableMap#columnType}). */
    public int type()
    {
        return type;
    }

    public boolean isNull()
    {
        return isNull;
    }

    /**
     * A JSON column of a PARTIAL_UPDATE_ROWS after image that holds a diff against the before value instead
     * of the document. Its JSON is the document after the update when the before image holds the column
     * ({@link #hasJsonDiffBase()}; {@code binlog_row_image=FULL}), else the diff itself:
     * {@code {"$jsonDiff": [{"op", "path", "value"}...]}} (see {@link JsonDiff}).
     */
    public boolean isJsonDiff()
    {
        return isJsonDiff;
    }

    /** A partial JSON update whose before value is in the event, so that the JSON is the whole new document. */
    public boolean hasJsonDiffBase()
    {
        return isJsonDiff && jsonBase != null;
    }

    /** The buffer holding the value's bytes (not meaningful for NULL). */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** Where the value's bytes start: after the length prefix for strings, BLOBs, JSON, GEOMETRY, VECTOR. */
    public int offset()
    {
        return offset;
    }

    /** The value's length in bytes as stored (BINARY(n) without its trailing zero bytes). */
    public int length()
    {
        return length;
    }

    /**
     * Integers (as the signed value, or zero-extended when UNSIGNED: a BIGINT UNSIGNED comes as its 64 bits),
     * YEAR (1901-2155, 0 for the zero year), BIT, ENUM (1-based index, 0 for the empty error value), SET (bit mask).
     */
    public long asLong()
    {
        requireValue();
        final boolean unsigned = table.isUnsigned(column);
        return switch (type)
        {
            case ColumnType.TINY -> unsigned ? buffer.getByte(offset) & 0xFF : buffer.getByte(offset);
            case ColumnType.SHORT -> unsigned ? buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF : buffer.getShort(offset, LITTLE_ENDIAN);
            case ColumnType.INT24 ->
            {
                final int value = (buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF) | (buffer.getByte(offset + 2) & 0xFF) << 16;
                yield unsigned ? value : (value << 8) >> 8;
            }
            case ColumnType.LONG -> unsigned ? buffer.getInt(offset, LITTLE_ENDIAN) & 0xFFFF_FFFFL : buffer.getInt(offset, LITTLE_ENDIAN);
            case ColumnType.LONGLONG -> buffer.getLong(offset, LITTLE_ENDIAN);
            case ColumnType.YEAR ->
            {
                final int value = buffer.getByte(offset) & 0xFF;
                yield value == 0 ? 0 : 1900 + value;
            }
            case ColumnType.BIT -> bigEndian(offset, length);
            case ColumnType.ENUM, ColumnType.SET -> littleEndian(offset, length);
            default -> throw new IllegalStateException(describe() + " has no integer value");
        };
    }

    /** True for an UNSIGNED numeric column. */
    public boolean isUnsigned()
    {
        return table.isUnsigned(column);
    }

    /** FLOAT and DOUBLE (a FLOAT widened exactly). */
    public double asDouble()
    {
        requireValue();
        return switch (type)
        {
            case ColumnType.FLOAT -> buffer.getFloat(offset, LITTLE_ENDIAN);
            case ColumnType.DOUBLE -> buffer.getDouble(offset, LITTLE_ENDIAN);
            default -> throw new IllegalStateException(describe() + " is not FLOAT or DOUBLE");
        };
    }

    /** DECIMAL exactly, and the integer types (BIGINT UNSIGNED beyond Long.MAX_VALUE included). */
    public BigDecimal asBigDecimal()
    {
        requireValue();
        if (type == ColumnType.NEWDECIMAL)
        {
            return new BigDecimal(chars, 0, formatDecimal());
        }
        final long value = asLong();
        if (type == ColumnType.LONGLONG && isUnsigned() && value < 0)
        {
            return new BigDecimal(Long.toUnsignedString(value));
        }
        return BigDecimal.valueOf(value);
    }

    /**
     * DECIMAL of precision 18 or less as its unscaled value ({@code 123.45} in DECIMAL(5,2) is 12345), without
     * an object; {@link #decimalScale()} gives the digits after the point.
     */
    public long asUnscaledLong()
    {
        requireValue();
        if (type != ColumnType.NEWDECIMAL || (metadata >> 8) > 18)
        {
            throw new IllegalStateException(describe() + " is not a DECIMAL of up to 18 digits: read it with asBigDecimal()");
        }
        return BinaryDecimal.unscaled(buffer, offset, metadata >> 8, metadata & 0xFF);
    }

    /** DECIMAL: the digits after the point. */
    public int decimalScale()
    {
        return metadata & 0xFF;
    }

    private int formatDecimal()
    {
        return BinaryDecimal.format(buffer, offset, metadata >> 8, metadata & 0xFF, chars);
    }

    /** Calendar fields of DATE, DATETIME, TIMESTAMP (in UTC) and TIME (hours up to 838). */
    public int year()
    {
        return temporal().civil().year;
    }

    public int month()
    {
        return temporal().civil().month;
    }

    public int day()
    {
        return temporal().civil().day;
    }

    public int hour()
    {
        return temporal().civil().hour;
    }

    public int minute()
    {
        return temporal().civil().minute;
    }

    public int second()
    {
        return temporal().civil().second;
    }

    public int microsecond()
    {
        return temporal().micros;
    }

    /** A negative TIME. */
    public boolean isNegative()
    {
        return temporal().negative;
    }

    /** TIMESTAMP: seconds since the epoch (0 for the zero timestamp). */
    public long epochSecond()
    {
        if (type != ColumnType.TIMESTAMP && type != ColumnType.TIMESTAMP2)
        {
            throw new IllegalStateException(describe() + " is not a TIMESTAMP");
        }
        return temporal().epochSecond;
    }

    /** DATE as a LocalDate; throws for a zero date, which LocalDate cannot hold. */
    public LocalDate asLocalDate()
    {
        final TemporalValue value = temporal().civil();
        return LocalDate.of(value.year, value.month, value.day);
    }

    /** DATETIME as a LocalDateTime; throws for a zero date. */
    public LocalDateTime asLocalDateTime()
    {
        final TemporalValue value = temporal().civil();
        return LocalDateTime.of(value.year, value.month, value.day, value.hour, value.minute, value.second, value.micros * 1000);
    }

    /** TIMESTAMP as an Instant. */
    public Instant asInstant()
    {
        return Instant.ofEpochSecond(epochSecond(), temporal.micros * 1000L);
    }

    /** TIME as a signed Duration. */
    public Duration asDuration()
    {
        final TemporalValue value = temporal();
        final Duration duration = Duration.ofHours(value.hour).plusMinutes(value.minute).plusSeconds(value.second)
            .plusNanos(value.micros * 1000L);
        return value.negative ? duration.negated() : duration;
    }

    private TemporalValue temporal()
    {
        requireValue();
        if (!temporalDecoded)
        {
            switch (type)
            {
                case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.DATETIME,
                    ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 -> temporal.decode(type, metadata, buffer, offset);
                default -> throw new IllegalStateException(describe() + " is not a date or time");
            }
            temporalDecoded = true;
        }
        return temporal;
    }

    /** The charset of a text value, or null when the column is binary or of an unknown collation. */
    public Charset charset()
    {
        return textCharset();
    }

    private Charset textCharset()
    {
        final int collation = table.collation(column);
        if (collation == Collations.UNKNOWN)
        {
            return type == ColumnType.STRING || type == ColumnType.VARCHAR || type == ColumnType.VAR_STRING
                ? StandardCharsets.UTF_8 : null;
        }
        return table.charset(column);
    }

    /**
     * The value as text: CHAR, VARCHAR and TEXT decoded in their charset, ENUM and SET as their value strings
     * (when the table map has them), DECIMAL and dates as their JSON text, integers in decimal. Throws for
     * binary strings and BLOBs: use {@link #asBytes()}.
     */
    public String asString()
    {
        requireValue();
        switch (type)
        {
            case ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.BLOB, ColumnType.TINY_BLOB,
                ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB ->
            {
                final Charset charset = textCharset();
                if (charset == null)
                {
                    throw new IllegalStateException(describe() + " holds bytes, not text: read it with asBytes()");
                }
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                return new String(bytes, charset);
            }
            case ColumnType.ENUM, ColumnType.SET ->
            {
                final List<String> values = table.enumOrSetValues(column);
                if (values == null)
                {
                    return Long.toString(asLong());
                }
                return type == ColumnType.ENUM ? enumText(values) : setText(values).toString();
            }
            case ColumnType.NEWDECIMAL ->
            {
                return new String(chars, 0, formatDecimal());
            }
            case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.DATETIME,
                ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 ->
            {
                return new String(chars, 0, temporal().format(type, fsp(), chars));
            }
            case ColumnType.JSON ->
            {
                final StringBuilder text = new StringBuilder(length * 2);
                appendJson(text);
                return text.toString();
            }
            case ColumnType.FLOAT ->
            {
                return Float.toString((float)asDouble());
            }
            case ColumnType.DOUBLE ->
            {
                return Double.toString(asDouble());
            }
            default ->
            {
                return isUnsigned() ? Long.toUnsignedString(asLong()) : Long.toString(asLong());
            }
        }
    }

    /** A copy of the value's bytes, BINARY(n) padded to n with zero bytes. */
    public byte[] asBytes()
    {
        requireValue();
        final DirectBuffer source = paddedBinary();
        final int from = source == buffer ? offset : 0;
        final int size = source == buffer ? length : metadata;
        final byte[] bytes = new byte[size];
        source.getBytes(from, bytes);
        return bytes;
    }

    /** GEOMETRY: the spatial reference id (the first 4 bytes, little-endian). */
    public int srid()
    {
        requireGeometry();
        return buffer.getInt(offset, LITTLE_ENDIAN);
    }

    /** GEOMETRY: where its well-known binary starts in {@link #buffer()}, after the SRID. */
    public int wkbOffset()
    {
        requireGeometry();
        return offset + 4;
    }

    public int wkbLength()
    {
        requireGeometry();
        return length - 4;
    }

    /** VECTOR: the number of float32 elements. */
    public int vectorLength()
    {
        requireValue();
        if (type != ColumnType.VECTOR)
        {
            throw new IllegalStateException(describe() + " is not a VECTOR");
        }
        return length / Float.BYTES;
    }

    public float vectorElement(final int index)
    {
        if (index < 0 || index >= vectorLength())
        {
            throw new IndexOutOfBoundsException("element " + index + " of a vector of " + vectorLength());
        }
        return buffer.getFloat(offset + index * Float.BYTES, LITTLE_ENDIAN);
    }

    /** Writes the value as one JSON value (see the class comment for each type). */
    public void writeJson(final JsonGenerator generator)
    {
        writeJson(generatorOutput.wrap(generator));
    }

    /** Appends the value as one JSON value. */
    public void appendJson(final Appendable out)
    {
        writeJson(appendableOutput.wrap(out));
    }

    private void writeJson(final JsonOutput out)
    {
        if (isNull)
        {
            out.nullValue();
            return;
        }
        switch (type)
        {
            case ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24, ColumnType.LONG, ColumnType.YEAR -> out.number(asLong());
            case ColumnType.LONGLONG ->
            {
                if (isUnsigned())
                {
                    out.unsignedNumber(asLong());
                }
                else
                {
                    out.number(asLong());
                }
            }
            case ColumnType.FLOAT -> out.number(buffer.getFloat(offset, LITTLE_ENDIAN));
            case ColumnType.DOUBLE -> out.number(buffer.getDouble(offset, LITTLE_ENDIAN));
            case ColumnType.NEWDECIMAL -> out.plainString(chars, 0, formatDecimal());
            case ColumnType.BIT ->
            {
                if (metadata == 1)
                {
                    out.booleanValue(asLong() != 0);
                }
                else
                {
                    out.unsignedNumber(asLong());
                }
            }
            case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.DATETIME,
                ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 ->
                out.plainString(chars, 0, temporal().format(type, fsp(), chars));
            case ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.BLOB, ColumnType.TINY_BLOB,
                ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB -> text(out);
            case ColumnType.ENUM, ColumnType.SET -> enumOrSet(out);
            case ColumnType.JSON ->
            {
                if (hasJsonDiffBase())
                {
                    jsonDiff.apply(jsonBase, jsonBaseOffset, jsonBaseLength, buffer, offset, length, out);
                }
                else if (isJsonDiff)
                {
                    jsonDiff.render(buffer, offset, length, out);
                }
                else
                {
                    jsonBinary.render(buffer, offset, length, out);
                }
            }
            case ColumnType.GEOMETRY ->
            {
                out.startObject();
                out.fieldName("srid");
                out.number(srid() & 0xFFFF_FFFFL);
                out.fieldName("wkb");
                out.base64(buffer, wkbOffset(), wkbLength());
                out.endObject();
            }
            case ColumnType.VECTOR ->
            {
                out.startArray();
                for (int i = 0, n = vectorLength(); i < n; i++)
                {
                    out.number(buffer.getFloat(offset + i * Float.BYTES, LITTLE_ENDIAN));
                }
                out.endArray();
            }
            default -> throw new IllegalStateException(describe() + " has no JSON rendering");
        }
    }

    private void text(final JsonOutput out)
    {
        final Charset charset = textCharset();
        if (charset != null)
        {
            out.string(buffer, offset, length, charset);
            return;
        }
        final DirectBuffer source = paddedBinary();
        if (source == buffer)
        {
            out.base64(buffer, offset, length);
        }
        else
        {
            out.base64(source, 0, metadata);
        }
    }

    /** BINARY(n) is stored without its trailing zero bytes; SELECT gives all n. Other values as they are. */
    private DirectBuffer paddedBinary()
    {
        if (type != ColumnType.STRING || !table.isBinary(column) || length >= metadata)
        {
            return buffer;
        }
        if (paddedBytes.length < metadata)
        {
            paddedBytes = new byte[Math.max(metadata, 256)];
        }
        buffer.getBytes(offset, paddedBytes, 0, length);
        Arrays.fill(paddedBytes, length, metadata, (byte)0);
        padded.wrap(paddedBytes);
        return padded;
    }

    private void enumOrSet(final JsonOutput out)
    {
        final List<String> values = table.enumOrSetValues(column);
        if (values == null)
        {
            out.number(asLong());
        }
        else if (type == ColumnType.ENUM)
        {
            out.string(enumText(values));
        }
        else
        {
            final StringBuilder text = setText(values);
            final char[] target = text.length() <= chars.length ? chars : new char[text.length()];
            text.getChars(0, text.length(), target, 0);
            out.string(target, 0, text.length());
        }
    }

    private String enumText(final List<String> values)
    {
        final long index = asLong();
        if (index > values.size())
        {
            throw new RowDecodeException(describe() + " holds index " + index + " but has " + values.size() + " values");
        }
        return index == 0 ? "" : values.get((int)index - 1);
    }

    private StringBuilder setText(final List<String> values)
    {
        final long mask = asLong();
        if (values.size() < 64 && (mask >>> values.size()) != 0)
        {
            throw new RowDecodeException(describe() + " holds bit mask " + Long.toHexString(mask) + " but has "
                + values.size() + " values");
        }
        setText.setLength(0);
        for (int i = 0; i < values.size(); i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                if (setText.length() > 0)
                {
                    setText.append(',');
                }
                setText.append(values.get(i));
            }
        }
        return setText;
    }

    private int fsp()
    {
        return switch (type)
        {
            case ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 -> metadata;
            default -> 0;
        };
    }

    private long bigEndian(final int at, final int bytes)
    {
        long value = 0;
        for (int i = 0; i < bytes; i++)
        {
            value = value << 8 | (buffer.getByte(at + i) & 0xFF);
        }
        return value;
    }

    private long littleEndian(final int at, final int bytes)
    {
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--)
        {
            value = value << 8 | (buffer.getByte(at + i) & 0xFF);
        }
        return value;
    }

    private void requireValue()
    {
        if (isNull)
        {
            throw new IllegalStateException(describe() + " is NULL");
        }
    }

    private void requireGeometry()
    {
        requireValue();
        if (type != ColumnType.GEOMETRY)
        {
            throw new IllegalStateException(describe() + " is not a GEOMETRY");
        }
        if (length < 4)
        {
            throw new RowDecodeException(describe() + " of " + length + " bytes has no SRID");
        }
    }

    @Override
    public String toString()
    {
        if (isNull)
        {
            return "NULL";
        }
        final StringBuilder text = new StringBuilder();
        appendJson(text);
        return text.toString();
    }
}

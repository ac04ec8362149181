package io.semisync.protocol.rows;

import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.DirectBuffer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * View of a TABLE_MAP event body:
 * <pre>
 *   table_id u48, flags u16,
 *   database: length u8, name, NUL; table: length u8, name, NUL,
 *   column count (length-encoded), one type byte per column,
 *   metadata length (length-encoded), metadata of each column that has some (0, 1 or 2 bytes by type),
 *   null bitmap ((columns + 7) / 8 bytes, bit i = column i may be NULL),
 *   optional metadata to the end: TLV fields (type u8, length length-encoded, value), unknown types skipped
 * </pre>
 * The view reads the fixed fields; {@link #tableMap(SourceFlavor)} decodes the rest once into a {@link TableMap}.
 */
public final class TableMapEventFlyweight
{
    public static final int TABLE_ID_OFFSET = 0;
    public static final int FLAGS_OFFSET = 6;
    public static final int POST_HEADER_LENGTH = 8;

    /** Optional metadata field types (MySQL {@code Table_map_event::Optional_metadata_field_type}). */
    static final int SIGNEDNESS = 1;
    static final int DEFAULT_CHARSET = 2;
    static final int COLUMN_CHARSET = 3;
    static final int COLUMN_NAME = 4;
    static final int SET_STR_VALUE = 5;
    static final int ENUM_STR_VALUE = 6;
    static final int GEOMETRY_TYPE = 7;
    static final int SIMPLE_PRIMARY_KEY = 8;
    static final int PRIMARY_KEY_WITH_PREFIX = 9;
    static final int ENUM_AND_SET_DEFAULT_CHARSET = 10;
    static final int ENUM_AND_SET_COLUMN_CHARSET = 11;
    static final int COLUMN_VISIBILITY = 12;
    static final int VECTOR_DIMENSIONALITY = 13;
    private static final int FIELD_TYPES = 14;

    private static final int NAME_LENGTH_MAX = 255;
    private static final int COLUMNS_MAX = 4096;

    private final EventReader reader = new EventReader();
    private DirectBuffer buffer;
    private int bodyOffset;
    private int bodyLength;

    /** Points the view at a whole event (19-byte header first); {@code checksumLength} is 4 with CRC32, else 0. */
    public TableMapEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength, final int checksumLength)
    {
        return wrapBody(buffer, eventOffset + EventHeaderFlyweight.LENGTH, eventLength - EventHeaderFlyweight.LENGTH - checksumLength);
    }

    /** Points the view at an event body (after the header, before any checksum). */
    public TableMapEventFlyweight wrapBody(final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
    {
        if (bodyLength < POST_HEADER_LENGTH)
        {
            throw new RowDecodeException("TABLE_MAP event body of " + bodyLength + " bytes is shorter than its "
                + POST_HEADER_LENGTH + "-byte post-header");
        }
        this.buffer = buffer;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        return this;
    }

    public long tableId()
    {
        return reader.wrap(buffer, bodyOffset + TABLE_ID_OFFSET, bodyOffset + bodyLength).u48("table id");
    }

    /**
     * True when this event has the same bytes as the one {@code map} was decoded from, so the caller may keep
     * using {@code map} instead of decoding again (sources repeat a TABLE_MAP in every transaction).
     */
    public boolean matches(final TableMap map)
    {
        final byte[] source = map.source();
        if (source.length != bodyLength)
        {
            return false;
        }
        for (int i = 0; i < bodyLength; i++)
        {
            if (buffer.getByte(bodyOffset + i) != source[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Decodes the whole event (allocates; once per TABLE_MAP). */
    public TableMap tableMap(final SourceFlavor flavor)
    {
        final EventReader in = reader.wrap(buffer, bodyOffset, bodyOffset + bodyLength);
        final long tableId = in.u48("table id");
        in.u16("TABLE_MAP flags");
        final String database = name(in, "database name");
        final String table = name(in, "table name");
        final int columnCount = in.packedInt(COLUMNS_MAX, "column count");
        final int[] binlogTypes = new int[columnCount];
        final int typesAt = in.skip(columnCount, "column types");
        for (int i = 0; i < columnCount; i++)
        {
            binlogTypes[i] = buffer.getByte(typesAt + i) & 0xFF;
        }
        final int[] types = binlogTypes.clone();
        final int[] metadata = new int[columnCount];
        final int metadataLength = in.packedInt((long)columnCount * 4, "column metadata length");
        final int metadataEnd = in.position() + metadataLength;
        in.require(metadataLength, "column metadata");
        final EventReader meta = new EventReader().wrap(buffer, in.position(), metadataEnd);
        for (int i = 0; i < columnCount; i++)
        {
            readMetadata(meta, i, types, metadata);
        }
        if (meta.hasRemaining())
        {
            throw new RowDecodeException("TABLE_MAP of " + database + "." + table + " has " + meta.remaining()
                + " bytes of column metadata that no column uses");
        }
        in.skip(metadataLength, "column metadata");
        final boolean[] nullable = new boolean[columnCount];
        final int nullsAt = in.skip((columnCount + 7) / 8, "null bitmap");
        for (int i = 0; i < columnCount; i++)
        {
            nullable[i] = (buffer.getByte(nullsAt + (i >> 3)) & (1 << (i & 7))) != 0;
        }
        final OptionalMetadata optional = new OptionalMetadata(flavor, types, binlogTypes);
        optional.read(in);
        final byte[] source = new byte[bodyLength];
        buffer.getBytes(bodyOffset, source);
        return new TableMap(source, tableId, database, table, binlogTypes, types, metadata, nullable, optional.unsigned,
            optional.collations, optional.names, Collections.unmodifiableList(optional.values), optional.geometryTypes, optional.vectorDimensions,
            optional.primaryKey, optional.primaryKeyPrefixes, optional.visible);
    }

    private static String name(final EventReader in, final String what)
    {
        final int length = in.u8(what + " length");
        final String name = in.utf8(length, what);
        if (in.u8(what + " terminator") != 0)
        {
            throw new RowDecodeException(what + " of " + length + " bytes is not followed by a NUL");
        }
        return name;
    }

    private static void readMetadata(final EventReader meta, final int i, final int[] types, final int[] metadata)
    {
        final String what = "metadata of column " + i;
        switch (types[i])
        {
            case ColumnType.FLOAT, ColumnType.DOUBLE, ColumnType.BLOB, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB,
                ColumnType.LONG_BLOB, ColumnType.GEOMETRY, ColumnType.JSON, ColumnType.VECTOR, ColumnType.TIME2,
                ColumnType.DATETIME2, ColumnType.TIMESTAMP2 ->
            {
                metadata[i] = meta.u8(what);
                checkMetadata(i, types[i], metadata[i]);
            }
            case ColumnType.VARCHAR, ColumnType.VAR_STRING -> metadata[i] = meta.u16(what);
            case ColumnType.BIT ->
            {
                final int bits = meta.u8(what);
                final int bytes = meta.u8(what);
                metadata[i] = bytes * 8 + bits;
                if (bits > 7 || metadata[i] == 0 || metadata[i] > 64)
                {
                    throw new RowDecodeException("BIT column " + i + " has metadata " + bits + "/" + bytes
                        + ", not a width of 1 to 64 bits");
                }
            }
            case ColumnType.NEWDECIMAL ->
            {
                final int precision = meta.u8(what);
                final int scale = meta.u8(what);
                if (precision == 0 || precision > 65 || scale > 30 || scale > precision)
                {
                    throw new RowDecodeException("DECIMAL column " + i + " has precision " + precision + " and scale "
                        + scale + ", which MySQL does not allow");
                }
                metadata[i] = precision << 8 | scale;
            }
            case ColumnType.STRING, ColumnType.ENUM, ColumnType.SET -> readStringMetadata(meta, i, types, metadata);
            case ColumnType.DECIMAL, ColumnType.TINY, ColumnType.SHORT, ColumnType.LONG, ColumnType.NULL,
                ColumnType.TIMESTAMP, ColumnType.LONGLONG, ColumnType.INT24, ColumnType.DATE, ColumnType.TIME,
                ColumnType.DATETIME, ColumnType.YEAR, ColumnType.NEWDATE -> metadata[i] = 0;
            default -> throw new RowDecodeException("column " + i + " has type " + types[i]
                + ", which this decoder does not know");
        }
    }

    private static void checkMetadata(final int i, final int type, final int value)
    {
        final boolean valid = switch (type)
        {
            case ColumnType.FLOAT -> value == 4;
            case ColumnType.DOUBLE -> value == 8;
            case ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 -> value <= 6;
            default -> value >= 1 && value <= 4;
        };
        if (!valid)
        {
            throw new RowDecodeException(ColumnType.name(type) + " column " + i + " has metadata " + value
                + ", which that type cannot have");
        }
    }

    /**
     * CHAR, ENUM and SET: the first byte is the real type, the second the length in bytes of a CHAR or of an
     * ENUM/SET value. A CHAR longer than 255 bytes keeps the length's bits 8-9 inverted in bits 4-5 of the type.
     */
    private static void readStringMetadata(final EventReader meta, final int i, final int[] types, final int[] metadata)
    {
        final int first = meta.u8("metadata of column " + i);
        final int second = meta.u8("metadata of column " + i);
        if ((first & 0x30) != 0x30)
        {
            types[i] = first | 0x30;
            metadata[i] = second | (((first & 0x30) ^ 0x30) << 4);
        }
        else
        {
            types[i] = first;
            metadata[i] = second;
        }
        switch (types[i])
        {
            case ColumnType.STRING, ColumnType.VAR_STRING -> types[i] = ColumnType.STRING;
            case ColumnType.ENUM ->
            {
                if (metadata[i] != 1 && metadata[i] != 2)
                {
                    throw new RowDecodeException("ENUM column " + i + " has values of " + metadata[i] + " bytes, not 1 or 2");
                }
            }
            case ColumnType.SET ->
            {
                if (metadata[i] < 1 || metadata[i] > 8)
                {
                    throw new RowDecodeException("SET column " + i + " has values of " + metadata[i] + " bytes, not 1 to 8");
                }
            }
            default -> throw new RowDecodeException("STRING column " + i + " has real type " + types[i]
                + ", not CHAR, ENUM or SET");
        }
    }

    /** The TLV fields after the null bitmap, each applied to the columns it describes. */
    private static final class OptionalMetadata
    {
        private final SourceFlavor flavor;
        private final int[] types;
        private final int[] binlogTypes;
        private final boolean[] unsigned;
        private final int[] collations;
        private final String[] names;
        private final List<List<String>> values;
        private final int[] geometryTypes;
        private final int[] vectorDimensions;
        private int[] primaryKey = new int[0];
        private int[] primaryKeyPrefixes = new int[0];
        private final boolean[] visible;
        private final int[] fieldOffsets = new int[FIELD_TYPES];
        private final int[] fieldLimits = new int[FIELD_TYPES];

        OptionalMetadata(final SourceFlavor flavor, final int[] types, final int[] binlogTypes)
        {
            final int columns = types.length;
            this.flavor = flavor;
            this.types = types;
            this.binlogTypes = binlogTypes;
            this.unsigned = new boolean[columns];
            this.collations = new int[columns];
            Arrays.fill(collations, Collations.UNKNOWN);
            this.names = new String[columns];
            this.values = new ArrayList<>(Collections.nCopies(columns, null));
            this.geometryTypes = new int[columns];
            Arrays.fill(geometryTypes, -1);
            this.vectorDimensions = new int[columns];
            Arrays.fill(vectorDimensions, -1);
            this.visible = new boolean[columns];
            Arrays.fill(visible, true);
            Arrays.fill(fieldOffsets, -1);
        }

        void read(final EventReader in)
        {
            while (in.hasRemaining())
            {
                final int type = in.u8("optional metadata type");
                final int length = in.packedInt(in.remaining(), "length of optional metadata " + type);
                final int at = in.skip(length, "optional metadata " + type);
                if (type < FIELD_TYPES)
                {
                    fieldOffsets[type] = at;
                    fieldLimits[type] = at + length;
                }
            }
            final EventReader field = new EventReader();
            if (open(field, in, SIGNEDNESS))
            {
                readBits(field, unsigned, "SIGNEDNESS", i -> ColumnType.isNumeric(binlogTypes[i]));
            }
            final int[] characterColumns = columns(this::isCharacter);
            final int[] enumAndSetColumns = columns(i -> types[i] == ColumnType.ENUM || types[i] == ColumnType.SET);
            if (open(field, in, DEFAULT_CHARSET))
            {
                readDefaultCharset(field, characterColumns, "DEFAULT_CHARSET");
            }
            if (open(field, in, COLUMN_CHARSET))
            {
                readColumnCharsets(field, characterColumns, "COLUMN_CHARSET");
            }
            if (open(field, in, ENUM_AND_SET_DEFAULT_CHARSET))
            {
                readDefaultCharset(field, enumAndSetColumns, "ENUM_AND_SET_DEFAULT_CHARSET");
            }
            if (open(field, in, ENUM_AND_SET_COLUMN_CHARSET))
            {
                readColumnCharsets(field, enumAndSetColumns, "ENUM_AND_SET_COLUMN_CHARSET");
            }
            if (open(field, in, COLUMN_NAME))
            {
                for (int i = 0; i < names.length; i++)
                {
                    names[i] = field.utf8(field.packedInt(NAME_LENGTH_MAX * 4, "length of name " + i), "name of column " + i);
                }
                end(field, "COLUMN_NAME");
            }
            if (open(field, in, SET_STR_VALUE))
            {
                readValues(field, columns(i -> types[i] == ColumnType.SET), "SET_STR_VALUE");
            }
            if (open(field, in, ENUM_STR_VALUE))
            {
                readValues(field, columns(i -> types[i] == ColumnType.ENUM), "ENUM_STR_VALUE");
            }
            if (open(field, in, GEOMETRY_TYPE))
            {
                for (final int column : columns(i -> types[i] == ColumnType.GEOMETRY))
                {
                    geometryTypes[column] = field.packedInt(Integer.MAX_VALUE, "geometry type of column " + column);
                }
                end(field, "GEOMETRY_TYPE");
            }
            if (open(field, in, VECTOR_DIMENSIONALITY))
            {
                for (final int column : columns(i -> types[i] == ColumnType.VECTOR))
                {
                    vectorDimensions[column] = field.packedInt(Integer.MAX_VALUE, "dimensions of column " + column);
                }
                end(field, "VECTOR_DIMENSIONALITY");
            }
            if (open(field, in, SIMPLE_PRIMARY_KEY))
            {
                readPrimaryKey(field, false);
            }
            if (open(field, in, PRIMARY_KEY_WITH_PREFIX))
            {
                readPrimaryKey(field, true);
            }
            if (open(field, in, COLUMN_VISIBILITY))
            {
                readBits(field, visible, "COLUMN_VISIBILITY", i -> true);
            }
        }

        private boolean open(final EventReader field, final EventReader in, final int type)
        {
            if (fieldOffsets[type] < 0)
            {
                return false;
            }
            field.wrap(in.buffer(), fieldOffsets[type], fieldLimits[type]);
            return true;
        }

        private static void end(final EventReader field, final String name)
        {
            if (field.hasRemaining())
            {
                throw new RowDecodeException("optional metadata " + name + " has " + field.remaining()
                    + " bytes more than its columns need");
            }
        }

        /** CHAR, VARCHAR, BLOB/TEXT; VECTOR on MySQL 9; GEOMETRY on MariaDB (whose geometry is a blob). */
        private boolean isCharacter(final int i)
        {
            return switch (types[i])
            {
                case ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.BLOB, ColumnType.TINY_BLOB,
                    ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.VECTOR -> true;
                case ColumnType.GEOMETRY -> flavor == SourceFlavor.MARIADB;
                default -> false;
            };
        }

        private int[] columns(final IntPredicate predicate)
        {
            return IntStream.range(0, types.length).filter(predicate).toArray();
        }

        /** One bit per selected column, most significant bit first. */
        private void readBits(final EventReader field, final boolean[] target, final String name,
            final IntPredicate selected)
        {
            final int[] selectedColumns = columns(selected);
            final int at = field.skip((selectedColumns.length + 7) / 8, name);
            for (int bit = 0; bit < selectedColumns.length; bit++)
            {
                target[selectedColumns[bit]] = (field.buffer().getByte(at + (bit >> 3)) & (0x80 >>> (bit & 7))) != 0;
            }
            end(field, name);
        }

        private void readDefaultCharset(final EventReader field, final int[] columns, final String name)
        {
            final int defaultCollation = field.packedInt(Integer.MAX_VALUE, name + " default collation");
            for (final int column : columns)
            {
                collations[column] = defaultCollation;
            }
            while (field.hasRemaining())
            {
                final int index = field.packedInt(columns.length - 1, name + " column index");
                collations[columns[index]] = field.packedInt(Integer.MAX_VALUE, name + " collation");
            }
        }

        private void readColumnCharsets(final EventReader field, final int[] columns, final String name)
        {
            for (final int column : columns)
            {
                collations[column] = field.packedInt(Integer.MAX_VALUE, name + " of column " + column);
            }
            end(field, name);
        }

        private void readValues(final EventReader field, final int[] columns, final String name)
        {
            for (final int column : columns)
            {
                final int count = field.packedInt(65535, name + " count of column " + column);
                final Charset charset = Collations.charset(collations[column]);
                final List<String> list = new ArrayList<>(count);
                for (int v = 0; v < count; v++)
                {
                    final int length = field.packedInt(field.remaining(), name + " value length");
                    final int at = field.skip(length, name + " value");
                    final byte[] bytes = new byte[length];
                    field.buffer().getBytes(at, bytes);
                    list.add(new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset));
                }
                values.set(column, List.copyOf(list));
            }
            end(field, name);
        }

        private void readPrimaryKey(final EventReader field, final boolean withPrefix)
        {
            final List<int[]> parts = new ArrayList<>();
            while (field.hasRemaining())
            {
                final int column = field.packedInt(types.length - 1, "primary key column");
                final int prefix = withPrefix ? field.packedInt(Integer.MAX_VALUE, "primary key prefix") : 0;
                parts.add(new int[] {column, prefix});
            }
            primaryKey = parts.stream().mapToInt(p -> p[0]).toArray();
            primaryKeyPrefixes = parts.stream().mapToInt(p -> p[1]).toArray();
        }
    }
}

package io.semisync.protocol.rows;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a TABLE_MAP event says about a table, decoded once per event ({@link TableMapEventFlyweight#tableMap})
 * and then used to decode every row of the rows events that name its table id. Immutable.
 * <p>
 * Per column: the real type (CHAR, ENUM and SET resolved from the STRING metadata), its metadata as a number
 * (see {@link #columnMetadata(int)}), nullability, and what the optional metadata gives: signedness and
 * charsets always (MySQL's {@code binlog_row_metadata=MINIMAL}); names, ENUM/SET values, primary key and
 * visibility with {@code FULL}. MariaDB sends none of it unless {@code binlog_row_metadata} is set.
 */
public final class TableMap
{
    private final byte[] source;
    private final long tableId;
    private final String database;
    private final String table;
    private final int[] binlogTypes;
    private final int[] types;
    private final int[] metadata;
    private final boolean[] nullable;
    private final boolean[] unsigned;
    private final int[] collations;
    private final String[] names;
    private final List<List<String>> values;
    private final int[] geometryTypes;
    private final int[] vectorDimensions;
    private final int[] primaryKey;
    private final int[] primaryKeyPrefixes;
    private final boolean[] visible;
    private final Charset[] charsets;
    private final int[] valueSizes;
    private final int[] lengthBytes;
    private final int[] maxLengths;
    private final boolean hasJson;

    TableMap(
        final byte[] source,
        final long tableId,
        final String database,
        final String table,
        final int[] binlogTypes,
        final int[] types,
        final int[] metadata,
        final boolean[] nullable,
        final boolean[] unsigned,
        final int[] collations,
        final String[] names,
        final List<List<String>> values,
        final int[] geometryTypes,
        final int[] vectorDimensions,
        final int[] primaryKey,
        final int[] primaryKeyPrefixes,
        final boolean[] visible)
    {
        this.source = source;
        this.tableId = tableId;
        this.database = database;
        this.table = table;
        this.binlogTypes = binlogTypes;
        this.types = types;
        this.metadata = metadata;
        this.nullable = nullable;
        this.unsigned = unsigned;
        this.collations = collations;
        this.names = names;
        this.values = values;
        this.geometryTypes = geometryTypes;
        this.vectorDimensions = vectorDimensions;
        this.primaryKey = primaryKey;
        this.primaryKeyPrefixes = primaryKeyPrefixes;
        this.visible = visible;
        this.charsets = new Charset[types.length];
        this.valueSizes = new int[types.length];
        this.lengthBytes = new int[types.length];
        this.maxLengths = new int[types.length];
        this.hasJson = Arrays.stream(types).anyMatch(type -> type == ColumnType.JSON);
        for (int i = 0; i < types.length; i++)
        {
            charsets[i] = Collations.charset(collations[i]);
            valueSizes[i] = ValueLayout.fixedSize(types[i], metadata[i]);
            lengthBytes[i] = ValueLayout.lengthBytes(types[i], metadata[i]);
            maxLengths[i] = ValueLayout.maxLength(types[i], metadata[i]);
        }
    }

    /** The TABLE_MAP body this was decoded from (shared, do not modify). */
    byte[] source()
    {
        return source;
    }

    public long tableId()
    {
        return tableId;
    }

    public String database()
    {
        return database;
    }

    public String table()
    {
        return table;
    }

    public int columnCount()
    {
        return types.length;
    }

    /** The type code the event gives ({@link ColumnType#STRING} for CHAR, ENUM and SET alike). */
    public int binlogType(final int column)
    {
        return binlogTypes[column];
    }

    /** The column's real type: as {@link #binlogType} but CHAR, ENUM and SET told apart. */
    public int columnType(final int column)
    {
        return types[column];
    }

    /**
     * The column's metadata as a number: the maximum length in bytes for CHAR, VARCHAR; the number of bytes
     * of the length for BLOB, TEXT, JSON, GEOMETRY, VECTOR; the number of bytes of the value for ENUM, SET,
     * FLOAT, DOUBLE; the number of bits for BIT; {@code precision << 8 | scale} for DECIMAL; the fractional
     * digits (0-6) for TIME2, DATETIME2, TIMESTAMP2; 0 for the rest.
     */
    public int columnMetadata(final int column)
    {
        return metadata[column];
    }

    /** Whether any column is MySQL's JSON (whose partial updates need the before value). */
    boolean hasJson()
    {
        return hasJson;
    }

    /** Bytes of every value of the column, or {@link ValueLayout#VARIABLE}. */
    int valueSize(final int column)
    {
        return valueSizes[column];
    }

    /** Bytes of the length before each value of a variable-size column. */
    int lengthBytes(final int column)
    {
        return lengthBytes[column];
    }

    /** The most bytes a value of the column may have. */
    int maxLength(final int column)
    {
        return maxLengths[column];
    }

    public boolean isNullable(final int column)
    {
        return nullable[column];
    }

    /** True for an UNSIGNED numeric column; false when signed or when the event has no signedness metadata. */
    public boolean isUnsigned(final int column)
    {
        return unsigned[column];
    }

    /** The collation id of a character, ENUM or SET column, or {@link Collations#UNKNOWN}. */
    public int collation(final int column)
    {
        return collations[column];
    }

    /** The Java charset of the column's text, or null for binary columns and unknown collations. */
    public Charset charset(final int column)
    {
        return charsets[column];
    }

    /** True when the column holds bytes, not text: its collation is {@link Collations#BINARY}. */
    public boolean isBinary(final int column)
    {
        return collations[column] == Collations.BINARY;
    }

    /** The column's name, or null when the event has none ({@code binlog_row_metadata=MINIMAL}). */
    public String columnName(final int column)
    {
        return names[column];
    }

    public boolean hasColumnNames()
    {
        return types.length == 0 || names[0] != null;
    }

    /** The values of an ENUM or SET column in their order, or null when the event does not give them. */
    public List<String> enumOrSetValues(final int column)
    {
        return values.get(column);
    }

    /** The GEOMETRY_TYPE of a geometry column (0 GEOMETRY, 1 POINT, ...), or -1 when not given. */
    public int geometryType(final int column)
    {
        return geometryTypes[column];
    }

    /** The dimensions of a VECTOR column, or -1 when not given. */
    public int vectorDimensions(final int column)
    {
        return vectorDimensions[column];
    }

    /** The indexes of the primary key's columns in key order; empty when not given or there is none. */
    public int[] primaryKey()
    {
        return primaryKey.clone();
    }

    /** The prefix length of the {@code i}th primary key column, 0 when the whole column is in the key. */
    public int primaryKeyPrefix(final int i)
    {
        return primaryKeyPrefixes[i];
    }

    /** False for an INVISIBLE column (MySQL 8.0.23 and later with FULL metadata); true otherwise. */
    public boolean isVisible(final int column)
    {
        return visible[column];
    }

    /**
     * A copy with column names and ENUM/SET values from elsewhere (the source's information_schema when the
     * binlog's metadata is MINIMAL). {@code enumOrSetValues} holds null for the other columns.
     */
    public TableMap withColumns(final List<String> columnNames, final List<List<String>> enumOrSetValues)
    {
        if (columnNames.size() != types.length || enumOrSetValues.size() != types.length)
        {
            throw new IllegalArgumentException("table " + database + "." + table + " has " + types.length
                + " columns in the binlog, but " + columnNames.size() + " names and " + enumOrSetValues.size()
                + " value lists were given");
        }
        final List<List<String>> newValues = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++)
        {
            final List<String> given = enumOrSetValues.get(i);
            newValues.add(given == null ? values.get(i) : List.copyOf(given));
        }
        return new TableMap(source, tableId, database, table, binlogTypes, types, metadata, nullable, unsigned, collations,
            columnNames.toArray(new String[0]), Collections.unmodifiableList(newValues), geometryTypes, vectorDimensions, primaryKey,
            primaryKeyPrefixes, visible);
    }

    /** A copy naming these columns as the primary key (from information_schema when metadata is MINIMAL). */
    public TableMap withPrimaryKey(final int[] columns)
    {
        return new TableMap(source, tableId, database, table, binlogTypes, types, metadata, nullable, unsigned, collations,
            names, values, geometryTypes, vectorDimensions, columns.clone(), new int[columns.length], visible);
    }

    @Override
    public String toString()
    {
        return "TableMap{" + tableId + " " + database + "." + table + " " + Arrays.toString(names) + "}";
    }
}

package io.semisync.it.cdc;

import io.semisync.protocol.rows.ColumnType;
import io.semisync.protocol.rows.ColumnValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * How a column's decoded value is compared with what SELECT returns through mysql-connector-j: as the same
 * Java type on both sides (numbers as numbers, bytes as bytes), and temporal values as the text MySQL itself
 * casts them to.
 */
enum Comparison
{
    LONG,
    BIG_UNSIGNED,
    DECIMAL,
    FLOAT,
    DOUBLE,
    BIT,
    TEMPORAL,
    TEXT,
    BYTES,
    JSON;

    /** What SELECT gives for the column (already selected with {@link #selectExpression}). */
    Object expected(final ResultSet rows, final int index) throws SQLException
    {
        final Object value = switch (this)
        {
            case LONG -> rows.getLong(index);
            case BIG_UNSIGNED, DECIMAL -> rows.getBigDecimal(index);
            case FLOAT -> rows.getFloat(index);
            case DOUBLE -> rows.getDouble(index);
            case BIT ->
            {
                final byte[] bytes = rows.getBytes(index);
                yield bytes == null ? null : new BigInteger(1, bytes).longValue();
            }
            case TEMPORAL, TEXT -> rows.getString(index);
            case BYTES -> rows.getBytes(index) == null ? null : new Bytes(rows.getBytes(index));
            case JSON -> rows.getString(index) == null ? null : JsonTrees.canonical(rows.getString(index));
        };
        return rows.wasNull() ? null : value;
    }

    /** The same thing from the decoded value; {@code enumValues} maps ENUM/SET numbers when the binlog lacks names. */
    Object decoded(final ColumnValue value, final List<String> enumValues)
    {
        if (value.isNull())
        {
            return null;
        }
        return switch (this)
        {
            case LONG -> value.asLong();
            case BIG_UNSIGNED, DECIMAL -> value.asBigDecimal();
            case FLOAT -> (float)value.asDouble();
            case DOUBLE -> value.asDouble();
            case BIT -> value.asLong();
            case TEMPORAL -> mysqlText(value.asString());
            case TEXT -> enumValues != null && value.table().enumOrSetValues(value.column()) == null
                ? enumOrSetText(value.asLong(), value.type() == ColumnType.ENUM, enumValues)
                : value.asString();
            case BYTES -> new Bytes(value.asBytes());
            case JSON -> value.isJsonDiff() && !value.hasJsonDiffBase() ? new JsonDiffOnly(value.asString())
                : JsonTrees.canonical(value.asString());
        };
    }

    /** The SELECT expression for {@code column}: temporal values as MySQL's own text. */
    String selectExpression(final String column)
    {
        return this == TEMPORAL ? "CAST(" + column + " AS CHAR)" : column;
    }

    private static String mysqlText(final String iso)
    {
        final String text = iso.replace('T', ' ');
        return text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
    }

    private static String enumOrSetText(final long number, final boolean isEnum, final List<String> values)
    {
        if (isEnum)
        {
            return number == 0 ? "" : values.get((int)number - 1);
        }
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.size(); i++)
        {
            if ((number & (1L << i)) != 0)
            {
                text.append(text.length() == 0 ? "" : ",").append(values.get(i));
            }
        }
        return text.toString();
    }

    /** A partial JSON update without its before value in the event: the diff, not the document. */
    record JsonDiffOnly(String json)
    {
    }

    /** Bytes compared by content, shown by length and first bytes. */
    record Bytes(byte[] bytes)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString()
        {
            return bytes.length + " bytes " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32));
        }
    }

    static boolean same(final Object expected, final Object actual)
    {
        if (actual instanceof JsonDiffOnly diff)
        {
            return expected != null && diff.json().startsWith("{\"$jsonDiff\":[{\"op\":");
        }
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a)
        {
            return e.compareTo(a) == 0;
        }
        return expected == null ? actual == null : expected.equals(actual);
    }
}

package io.semisync.protocol.rows;

/**
 * How a column's values are laid out in a row image, from its real type and metadata: a fixed number of
 * bytes, or a little-endian length of 1-4 bytes before the bytes. Computed once per table map.
 */
final class ValueLayout
{
    /** No fixed size: the value has a length prefix. */
    static final int VARIABLE = -1;

    private ValueLayout()
    {
    }

    /** Bytes of every value of the column, or {@link #VARIABLE}. */
    static int fixedSize(final int type, final int metadata)
    {
        return switch (type)
        {
            case ColumnType.TINY, ColumnType.YEAR -> 1;
            case ColumnType.SHORT -> 2;
            case ColumnType.INT24 -> 3;
            case ColumnType.LONG, ColumnType.FLOAT -> 4;
            case ColumnType.LONGLONG, ColumnType.DOUBLE -> 8;
            case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.DATETIME,
                ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 -> TemporalValue.size(type, metadata);
            case ColumnType.NEWDECIMAL -> BinaryDecimal.size(metadata >> 8, metadata & 0xFF);
            case ColumnType.BIT -> (metadata + 7) / 8;
            case ColumnType.ENUM, ColumnType.SET -> metadata;
            default -> VARIABLE;
        };
    }

    /** Bytes of the length before a value of a variable size; 0 for a type this decoder cannot read. */
    static int lengthBytes(final int type, final int metadata)
    {
        return switch (type)
        {
            case ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING -> metadata > 255 ? 2 : 1;
            case ColumnType.BLOB, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.JSON,
                ColumnType.GEOMETRY, ColumnType.VECTOR -> metadata;
            default -> 0;
        };
    }

    /** The most bytes a value may have: the declared length of CHAR and VARCHAR, else no limit. */
    static int maxLength(final int type, final int metadata)
    {
        return switch (type)
        {
            case ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING -> metadata;
            default -> Integer.MAX_VALUE;
        };
    }
}

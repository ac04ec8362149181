package io.semisync.protocol.response;

/** Column type codes and column flags of {@link ColumnDefinition}, as MySQL's {@code enum_field_types} names them. */
public final class ColumnTypes
{
    /** BIGINT, the type of integer expressions. */
    public static final int LONGLONG = 0x08;
    /** DECIMAL. */
    public static final int NEWDECIMAL = 0xF6;
    /** VARCHAR, the type of string expressions. */
    public static final int VAR_STRING = 0xFD;

    /** The column holds no NULL. */
    public static final int NOT_NULL_FLAG = 0x0001;
    /** The values are binary (numbers carry it, with the binary collation). */
    public static final int BINARY_FLAG = 0x0080;
    /** The column is numeric. */
    public static final int NUM_FLAG = 0x8000;

    /** The decimals of a column whose scale is not fixed (strings, expressions). */
    public static final int NOT_FIXED_DECIMALS = 0x1F;

    private ColumnTypes()
    {
    }
}

package io.semisync.protocol.server;

/** How a result column's values are typed for the client; the values themselves always travel as text. */
public enum ColumnKind
{
    /** A string: {@code VAR_STRING} in utf8mb4. */
    TEXT,
    /** A whole number: {@code LONGLONG}, binary collation, numeric flag. */
    INTEGER,
    /** A decimal number: {@code NEWDECIMAL}, binary collation, numeric flag; the scale follows from the values. */
    DECIMAL
}

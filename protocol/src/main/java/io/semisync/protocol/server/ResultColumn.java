package io.semisync.protocol.server;

import java.util.Objects;

/**
 * One column of a {@link TextResultSet}: its label and how clients should type its values.
 *
 * @param name  the column label clients show
 * @param kind  the type clients see
 */
public record ResultColumn(String name, ColumnKind kind)
{
    public ResultColumn
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** A {@link ColumnKind#TEXT} column. */
    public static ResultColumn text(final String name)
    {
        return new ResultColumn(name, ColumnKind.TEXT);
    }

    /** An {@link ColumnKind#INTEGER} column. */
    public static ResultColumn number(final String name)
    {
        return new ResultColumn(name, ColumnKind.INTEGER);
    }
}

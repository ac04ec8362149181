package io.semisync.replica.cdc;

import java.util.List;

/**
 * Column names (and ENUM/SET values) of a table from somewhere other than the binlog, for sources whose TABLE_MAP
 * events carry none ({@code binlog_row_metadata=MINIMAL}).
 */
public interface ColumnNames extends AutoCloseable
{
    /**
     * @return the table's columns in order, empty when the source does not know the table (any more).
     */
    List<SourceColumn> columnsOf(String database, String table);

    /** Forgets what it knows, after a DDL statement: the next {@link #columnsOf} asks again. */
    void forget();

    @Override
    void close();

    /**
     * One column.
     *
     * @param name   the column's name.
     * @param values the values of an ENUM or SET column in order, null for other types.
     */
    record SourceColumn(String name, List<String> values)
    {
    }
}

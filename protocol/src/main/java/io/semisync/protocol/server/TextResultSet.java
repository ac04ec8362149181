package io.semisync.protocol.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows sent with the text protocol. Each row has one value per column; a {@code null} value is SQL NULL.
 *
 * @param columns  the columns, at least one
 * @param rows     the rows, in order
 */
public record TextResultSet(List<ResultColumn> columns, List<List<String>> rows) implements QueryResult
{
    public TextResultSet
    {
        columns = List.copyOf(columns);
        if (columns.isEmpty())
        {
            throw new IllegalArgumentException("a result set needs at least one column");
        }
        final List<List<String>> copied = new ArrayList<>(rows.size());
        for (final List<String> row : rows)
        {
            if (row.size() != columns.size())
            {
                throw new IllegalArgumentException("row " + copied.size() + " has " + row.size() + " values for " + columns.size() + " columns");
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }
}

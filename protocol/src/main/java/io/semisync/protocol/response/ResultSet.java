package io.semisync.protocol.response;

import java.util.List;

/**
 * A complete text result set: its columns, its rows in order, and the status the server ended it with.
 *
 * @param columns      the column definitions
 * @param rows         the rows
 * @param warnings     warnings reported by the terminating EOF or OK packet
 * @param statusFlags  server status flags of the terminating packet
 */
public record ResultSet(List<ColumnDefinition> columns, List<Row> rows, int warnings, int statusFlags)
{
    public ResultSet
    {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The index of the column labelled {@code name} (case-insensitive), or -1. */
    public int columnIndex(final String name)
    {
        for (int i = 0; i < columns.size(); i++)
        {
            if (columns.get(i).name().equalsIgnoreCase(name))
            {
                return i;
            }
        }
        return -1;
    }
}

package io.semisync.replica.cdc;

import io.semisync.protocol.binlog.BinlogEventType;
import org.agrona.DirectBuffer;

import java.io.IOException;

/**
 * The row side of the feed: keeps the TABLE_MAP of each table id and writes a line per row of each rows event.
 * Waiting for the row decoder of {@code io.semisync.protocol.rows}.
 */
final class RowChanges
{
    private final ChangeLines lines;
    private final ColumnNames columnNames;
    private String flavor = "mysql";

    RowChanges(final ChangeLines lines, final ColumnNames columnNames)
    {
        this.lines = lines;
        this.columnNames = columnNames;
    }

    static boolean isRowsEvent(final int type)
    {
        return type >= BinlogEventType.WRITE_ROWS_V1 && type <= BinlogEventType.DELETE_ROWS_V1
            || type >= BinlogEventType.WRITE_ROWS_V2 && type <= BinlogEventType.DELETE_ROWS_V2
            || type == BinlogEventType.PARTIAL_UPDATE_ROWS;
    }

    void flavor(final String flavor)
    {
        this.flavor = flavor;
    }

    void onTableMap(final DirectBuffer buffer, final int offset, final int length, final int checksumLength)
    {
    }

    long onRows(final DirectBuffer buffer, final int offset, final int length, final int checksumLength, final EventSource source,
        final TransactionContext transaction, final TableFilter filter, final ChangePosition resumeAfter, final ChangeOutput output)
        throws IOException
    {
        return 0;
    }

    void forgetTables()
    {
    }
}

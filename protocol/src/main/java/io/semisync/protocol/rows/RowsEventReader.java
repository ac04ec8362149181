package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

/**
 * Walks the rows of a rows event with the table map its table id names, handing each column value to a
 * {@link RowVisitor}. One reader per thread, reused; it allocates nothing per row or column.
 */
public final class RowsEventReader
{
    private final ColumnValue value = new ColumnValue();

    /** Visits every row of {@code event}; returns the number of rows. */
    public int read(final RowsEventFlyweight event, final TableMap table, final RowVisitor visitor)
    {
        if (event.tableId() != table.tableId())
        {
            throw new RowDecodeException("rows event of table id " + event.tableId() + " read with the table map of id "
                + table.tableId() + " (" + table.database() + "." + table.table() + ")");
        }
        final int columns = event.columnCount();
        if (columns != table.columnCount())
        {
            throw new RowDecodeException("rows event of " + table.database() + "." + table.table() + " has " + columns
                + " columns, its TABLE_MAP " + table.columnCount());
        }
        final DirectBuffer buffer = event.buffer();
        final int limit = event.rowsLimit();
        final RowChange change = event.change();
        int position = event.rowsOffset();
        int rows = 0;
        while (position < limit)
        {
            visitor.beginRow(change);
            if (change != RowChange.INSERT)
            {
                position = image(RowImage.BEFORE, event.beforeBitmapOffset(), buffer, position, limit, table, visitor);
            }
            if (change != RowChange.DELETE)
            {
                final int bitmap = change == RowChange.INSERT ? event.beforeBitmapOffset() : event.afterBitmapOffset();
                if (event.isPartialUpdate())
                {
                    throw new RowDecodeException("PARTIAL_UPDATE_ROWS of " + table.database() + "." + table.table()
                        + " is not decoded yet");
                }
                position = image(RowImage.AFTER, bitmap, buffer, position, limit, table, visitor);
            }
            visitor.endRow();
            rows++;
        }
        return rows;
    }

    private int image(final RowImage image, final int bitmapOffset, final DirectBuffer buffer, final int start, final int limit,
        final TableMap table, final RowVisitor visitor)
    {
        final int columns = table.columnCount();
        int present = 0;
        for (int i = 0; i < columns; i++)
        {
            if (isSet(buffer, bitmapOffset, i))
            {
                present++;
            }
        }
        final int nullBitmap = start;
        int position = start + (present + 7) / 8;
        if (position > limit)
        {
            throw new RowDecodeException("row of " + table.database() + "." + table.table() + " needs a "
                + (present + 7) / 8 + "-byte null bitmap at offset " + start + " but only " + (limit - start) + " bytes remain");
        }
        visitor.beginImage(image);
        int presentIndex = 0;
        for (int i = 0; i < columns; i++)
        {
            if (!isSet(buffer, bitmapOffset, i))
            {
                continue;
            }
            if (isSet(buffer, nullBitmap, presentIndex++))
            {
                value.wrapNull(table, image, i);
            }
            else
            {
                position += value.wrap(table, image, i, buffer, position, limit);
            }
            visitor.column(value);
        }
        visitor.endImage(image);
        return position;
    }

    private static boolean isSet(final DirectBuffer buffer, final int bitmapOffset, final int bit)
    {
        return (buffer.getByte(bitmapOffset + (bit >> 3)) & (1 << (bit & 7))) != 0;
    }
}

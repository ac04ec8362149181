package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Walks the rows of a rows event with the table map its table id names, handing each column value to a
 * {@link RowVisitor}. One reader per thread, reused; it allocates nothing per row or column.
 */
public final class RowsEventReader
{
    /** PARTIAL_UPDATE_ROWS: the after image's options; bit 0 says some JSON columns hold diffs. */
    static final int PARTIAL_JSON_UPDATES = 1;

    private final ColumnValue value = new ColumnValue();
    private final EventReader reader = new EventReader();
    private boolean[] jsonDiffs = new boolean[64];
    /** Where each JSON column's value was in the before image of the current row, -1 when not there. */
    private int[] beforeJsonOffsets = new int[64];
    private int[] beforeJsonLengths = new int[64];

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
        final int beforePresent = count(buffer, event.beforeBitmapOffset(), columns);
        final int afterPresent = count(buffer, event.afterBitmapOffset(), columns);
        while (position < limit)
        {
            final int rowStart = position;
            visitor.beginRow(change);
            if (change != RowChange.INSERT)
            {
                position = image(RowImage.BEFORE, event.beforeBitmapOffset(), beforePresent, buffer, position, limit, table, visitor, false);
            }
            if (change != RowChange.DELETE)
            {
                final int bitmap = change == RowChange.INSERT ? event.beforeBitmapOffset() : event.afterBitmapOffset();
                final int present = change == RowChange.INSERT ? beforePresent : afterPresent;
                final boolean partial = event.isPartialUpdate();
                if (partial)
                {
                    position = valueOptions(buffer, position, limit, table);
                }
                position = image(RowImage.AFTER, bitmap, present, buffer, position, limit, table, visitor, partial);
            }
            visitor.endRow();
            if (position == rowStart)
            {
                throw new RowDecodeException("rows event of " + table.database() + "." + table.table() + " names no columns in its "
                    + "images, so its rows take no bytes, but " + (limit - position) + " bytes of rows follow at offset " + position);
            }
            rows++;
        }
        return rows;
    }

    private int image(final RowImage image, final int bitmapOffset, final int present, final DirectBuffer buffer, final int start,
        final int limit, final TableMap table, final RowVisitor visitor, final boolean partial)
    {
        final int columns = table.columnCount();
        if (beforeJsonOffsets.length < columns)
        {
            beforeJsonOffsets = new int[columns];
            beforeJsonLengths = new int[columns];
        }
        final boolean trackJson = table.hasJson();
        if (trackJson && image == RowImage.BEFORE)
        {
            Arrays.fill(beforeJsonOffsets, 0, columns, -1);
        }
        final boolean allPresent = present == columns;
        final int nullBitmap = start;
        int position = start + (present + 7) / 8;
        if (position > limit)
        {
            throw new RowDecodeException("row of " + table.database() + "." + table.table() + " needs a "
                + (present + 7) / 8 + "-byte null bitmap at offset " + start + " but only " + (limit - start) + " bytes remain");
        }
        visitor.beginImage(image);
        int presentIndex = 0;
        int nullBits = 0;
        for (int i = 0; i < columns; i++)
        {
            if (!allPresent && !isSet(buffer, bitmapOffset, i))
            {
                continue;
            }
            if ((presentIndex & 7) == 0)
            {
                nullBits = buffer.getByte(nullBitmap + (presentIndex >> 3));
            }
            if ((nullBits & (1 << (presentIndex++ & 7))) != 0)
            {
                value.wrapNull(table, image, i);
            }
            else
            {
                position += value.wrap(table, image, i, buffer, position, limit);
                if (trackJson)
                {
                    trackJson(image, table, i, buffer, partial);
                }
            }
            visitor.column(value);
        }
        visitor.endImage(image);
        return position;
    }

    /** Remembers where a JSON column's before value is, and points a partial update's diff at it. */
    private void trackJson(final RowImage image, final TableMap table, final int column, final DirectBuffer buffer, final boolean partial)
    {
        if (image == RowImage.BEFORE && table.columnType(column) == ColumnType.JSON)
        {
            beforeJsonOffsets[column] = value.offset();
            beforeJsonLengths[column] = value.length();
        }
        else if (partial && jsonDiffs[column])
        {
            final boolean hasBase = beforeJsonOffsets[column] >= 0;
            value.markJsonDiff(hasBase ? buffer : null, beforeJsonOffsets[column], beforeJsonLengths[column]);
        }
    }

    /**
     * The shared part of a PARTIAL_UPDATE_ROWS row between its images: value options (length-encoded) and,
     * with {@link #PARTIAL_JSON_UPDATES}, one bit per JSON column of the table (low bit first): 1 when the
     * after image holds a diff for it.
     */
    private int valueOptions(final DirectBuffer buffer, final int position, final int limit, final TableMap table)
    {
        final int columns = table.columnCount();
        if (jsonDiffs.length < columns)
        {
            jsonDiffs = new boolean[columns];
        }
        Arrays.fill(jsonDiffs, 0, columns, false);
        final EventReader in = reader.wrap(buffer, position, limit);
        final long options = in.packed("PARTIAL_UPDATE_ROWS value options");
        if ((options & PARTIAL_JSON_UPDATES) == 0)
        {
            return in.position();
        }
        int jsonColumns = 0;
        for (int i = 0; i < columns; i++)
        {
            if (table.columnType(i) == ColumnType.JSON)
            {
                jsonColumns++;
            }
        }
        final int bits = in.skip((jsonColumns + 7) / 8, "partial JSON bitmap");
        int bit = 0;
        for (int i = 0; i < columns; i++)
        {
            if (table.columnType(i) == ColumnType.JSON)
            {
                jsonDiffs[i] = isSet(buffer, bits, bit++);
            }
        }
        return in.position();
    }

    /** Set bits among the first {@code columns} of a bitmap. */
    private static int count(final DirectBuffer buffer, final int bitmapOffset, final int columns)
    {
        int count = 0;
        for (int i = 0; i < columns; i++)
        {
            if (isSet(buffer, bitmapOffset, i))
            {
                count++;
            }
        }
        return count;
    }

    private static boolean isSet(final DirectBuffer buffer, final int bitmapOffset, final int bit)
    {
        return (buffer.getByte(bitmapOffset + (bit >> 3)) & (1 << (bit & 7))) != 0;
    }
}

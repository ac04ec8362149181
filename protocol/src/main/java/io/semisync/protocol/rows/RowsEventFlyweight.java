package io.semisync.protocol.rows;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.DirectBuffer;

/**
 * View of a rows event body: WRITE/UPDATE/DELETE_ROWS v1 (MySQL 5.1-5.5 and MariaDB, types 23-25) and v2
 * (MySQL, types 30-32) and PARTIAL_UPDATE_ROWS (39, MySQL's JSON partial updates, laid out as v2):
 * <pre>
 *   table_id u48, flags u16,
 *   v2 only: extra data length u16 (counting itself), extra data,
 *   column count (length-encoded),
 *   columns present in the before image (WRITE: the after image): (columns + 7) / 8 bytes, bit i = column i,
 *   UPDATE and PARTIAL_UPDATE only: columns present in the after image,
 *   rows to the end: per image a null bitmap over the present columns, then their non-null values
 * </pre>
 * With {@code binlog_row_image=FULL} every column is present; MINIMAL and NOBLOB leave some out. The rows
 * themselves are walked by {@link RowsEventReader}. Uncompressed bytes only: decompress MySQL's
 * TRANSACTION_PAYLOAD and MariaDB's compressed rows events first.
 */
public final class RowsEventFlyweight
{
    public static final int TABLE_ID_OFFSET = 0;
    public static final int FLAGS_OFFSET = 6;
    public static final int V1_POST_HEADER_LENGTH = 8;
    public static final int EXTRA_DATA_LENGTH_OFFSET = 8;

    /** Flag: the last rows event of its statement. */
    public static final int STMT_END_F = 0x1;

    private static final int COLUMNS_MAX = 4096;

    private final EventReader reader = new EventReader();
    private DirectBuffer buffer;
    private int eventType;
    private RowChange change;
    private long tableId;
    private int flags;
    private int columnCount;
    private int beforeBitmapOffset;
    private int afterBitmapOffset;
    private int rowsOffset;
    private int rowsLimit;

    /** True for the event types this view reads. */
    public static boolean isRowsEvent(final int eventType)
    {
        return switch (eventType)
        {
            case BinlogEventType.WRITE_ROWS_V1, BinlogEventType.UPDATE_ROWS_V1, BinlogEventType.DELETE_ROWS_V1,
                BinlogEventType.WRITE_ROWS_V2, BinlogEventType.UPDATE_ROWS_V2, BinlogEventType.DELETE_ROWS_V2,
                BinlogEventType.PARTIAL_UPDATE_ROWS -> true;
            default -> false;
        };
    }

    /** Points the view at a whole event (19-byte header first); {@code checksumLength} is 4 with CRC32, else 0. */
    public RowsEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength, final int checksumLength)
    {
        if (eventLength < EventHeaderFlyweight.LENGTH + checksumLength)
        {
            throw new RowDecodeException("rows event of " + eventLength + " bytes is shorter than its header");
        }
        final int type = buffer.getByte(eventOffset + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
        return wrapBody(type, buffer, eventOffset + EventHeaderFlyweight.LENGTH,
            eventLength - EventHeaderFlyweight.LENGTH - checksumLength);
    }

    /** Points the view at the body of an event of {@code eventType} (after the header, before any checksum). */
    public RowsEventFlyweight wrapBody(final int eventType, final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
    {
        change = switch (eventType)
        {
            case BinlogEventType.WRITE_ROWS_V1, BinlogEventType.WRITE_ROWS_V2 -> RowChange.INSERT;
            case BinlogEventType.UPDATE_ROWS_V1, BinlogEventType.UPDATE_ROWS_V2, BinlogEventType.PARTIAL_UPDATE_ROWS ->
                RowChange.UPDATE;
            case BinlogEventType.DELETE_ROWS_V1, BinlogEventType.DELETE_ROWS_V2 -> RowChange.DELETE;
            default -> throw new RowDecodeException("event type " + BinlogEventType.name(eventType) + " is not a rows event");
        };
        final boolean v2 = eventType >= BinlogEventType.WRITE_ROWS_V2;
        final EventReader in = reader.wrap(buffer, bodyOffset, bodyOffset + Math.max(0, bodyLength));
        this.buffer = buffer;
        this.eventType = eventType;
        this.tableId = in.u48("table id");
        this.flags = in.u16("rows event flags");
        if (v2)
        {
            final int extraLength = in.u16("extra data length");
            if (extraLength < 2)
            {
                throw new RowDecodeException("rows event extra data length " + extraLength + " is less than its own 2 bytes");
            }
            in.skip(extraLength - 2, "rows event extra data");
        }
        this.columnCount = in.packedInt(COLUMNS_MAX, "column count");
        final int bitmapLength = (columnCount + 7) / 8;
        this.beforeBitmapOffset = in.skip(bitmapLength, "columns-present bitmap");
        this.afterBitmapOffset = change == RowChange.UPDATE ? in.skip(bitmapLength, "after-image columns-present bitmap")
            : beforeBitmapOffset;
        this.rowsOffset = in.position();
        this.rowsLimit = in.limit();
        return this;
    }

    public int eventType()
    {
        return eventType;
    }

    public RowChange change()
    {
        return change;
    }

    /** PARTIAL_UPDATE_ROWS: the after image may hold JSON diffs instead of whole JSON values. */
    public boolean isPartialUpdate()
    {
        return eventType == BinlogEventType.PARTIAL_UPDATE_ROWS;
    }

    public long tableId()
    {
        return tableId;
    }

    public int flags()
    {
        return flags;
    }

    /** The last rows event of its statement: the table maps of the statement may be forgotten after it. */
    public boolean isStatementEnd()
    {
        return (flags & STMT_END_F) != 0;
    }

    public int columnCount()
    {
        return columnCount;
    }

    /** Whether the column is in the before image (INSERT: the only image, the after image). */
    public boolean isPresentBefore(final int column)
    {
        return isPresent(beforeBitmapOffset, column);
    }

    /** Whether the column is in the after image. */
    public boolean isPresentAfter(final int column)
    {
        return isPresent(afterBitmapOffset, column);
    }

    int beforeBitmapOffset()
    {
        return beforeBitmapOffset;
    }

    int afterBitmapOffset()
    {
        return afterBitmapOffset;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** Where the rows start in {@link #buffer()}. */
    public int rowsOffset()
    {
        return rowsOffset;
    }

    /** Where the rows end in {@link #buffer()} (exclusive). */
    public int rowsLimit()
    {
        return rowsLimit;
    }

    private boolean isPresent(final int bitmapOffset, final int column)
    {
        if (column < 0 || column >= columnCount)
        {
            throw new IndexOutOfBoundsException("column " + column + " of " + columnCount);
        }
        return (buffer.getByte(bitmapOffset + (column >> 3)) & (1 << (column & 7))) != 0;
    }
}

package io.semisync.protocol.rows;

import io.semisync.protocol.binlog.BinlogEventType;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of given columns as a TABLE_MAP body, and rows events over it: the bytes a source writes, built
 * field by field so each test says what it feeds the decoder.
 */
final class RowsFixture
{
    static final long TABLE_ID = 0x1234_5678_9AL;

    /** A column: type byte, metadata bytes as the event carries them. */
    record Col(int type, int... metadata)
    {
    }

    private final List<Col> columns = new ArrayList<>();
    private final Bytes optional = new Bytes();

    RowsFixture column(final int type, final int... metadata)
    {
        columns.add(new Col(type, metadata));
        return this;
    }

    /** An optional metadata field (type, length-encoded length, value). */
    RowsFixture optional(final int type, final Bytes value)
    {
        optional.u8(type).packed(value.size()).bytes(value.toArray());
        return this;
    }

    int columnCount()
    {
        return columns.size();
    }

    byte[] tableMapBody()
    {
        final Bytes metadata = new Bytes();
        columns.forEach(c -> metadata.u8(c.metadata()));
        final Bytes body = new Bytes()
            .u48(TABLE_ID).u16(1)                        // table id, flags
            .u8(4).utf8("shop").u8(0)                    // database: length, name, NUL
            .u8(6).utf8("orders").u8(0)                  // table: length, name, NUL
            .packed(columns.size());                     // column count
        columns.forEach(c -> body.u8(c.type()));         // one type byte per column
        body.packed(metadata.size()).bytes(metadata.toArray());
        final byte[] nulls = new byte[(columns.size() + 7) / 8];
        for (int i = 0; i < columns.size(); i++)
        {
            nulls[i / 8] |= (byte)(1 << (i % 8));       // every column nullable
        }
        return body.bytes(nulls).bytes(optional.toArray()).toArray();
    }

    TableMap tableMap(final SourceFlavor flavor)
    {
        final byte[] body = tableMapBody();
        return new TableMapEventFlyweight().wrapBody(Bytes.at(body), Bytes.OFFSET, body.length).tableMap(flavor);
    }

    /** A v2 rows event body: all columns present, then {@code rows} (null bitmaps and values). */
    byte[] rowsBody(final int eventType, final byte[] rows)
    {
        final Bytes body = new Bytes().u48(TABLE_ID).u16(RowsEventFlyweight.STMT_END_F);
        if (eventType >= BinlogEventType.WRITE_ROWS_V2)
        {
            body.u16(2);                                 // extra data length, counting itself: none
        }
        body.packed(columns.size());
        final byte[] present = allPresent();
        body.bytes(present);
        if (eventType == BinlogEventType.UPDATE_ROWS_V1 || eventType == BinlogEventType.UPDATE_ROWS_V2
            || eventType == BinlogEventType.PARTIAL_UPDATE_ROWS)
        {
            body.bytes(present);
        }
        return body.bytes(rows).toArray();
    }

    private byte[] allPresent()
    {
        final byte[] present = new byte[(columns.size() + 7) / 8];
        for (int i = 0; i < columns.size(); i++)
        {
            present[i / 8] |= (byte)(1 << (i % 8));
        }
        return present;
    }

    static RowsEventFlyweight rowsEvent(final int eventType, final byte[] body)
    {
        final UnsafeBuffer buffer = Bytes.at(body);
        return new RowsEventFlyweight().wrapBody(eventType, buffer, Bytes.OFFSET, body.length);
    }
}

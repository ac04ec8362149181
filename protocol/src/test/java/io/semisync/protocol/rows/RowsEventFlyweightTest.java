package io.semisync.protocol.rows;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows event bodies: v1 and v2 post-headers, extra data, columns-present bitmaps of MINIMAL images. */
class RowsEventFlyweightTest
{
    @Test
    void v2DeleteWithExtraDataAndAMinimalImage()
    {
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG).column(ColumnType.VARCHAR, 10, 0).column(ColumnType.TINY);
        final byte[] body = new Bytes()
            .u48(RowsFixture.TABLE_ID).u16(RowsEventFlyweight.STMT_END_F)
            .u16(2 + 3).u8(1, 0, 0)                        // extra data: its length counting itself, then 3 bytes
            .packed(3)                                     // columns
            .u8(0b101)                                     // present: columns 0 and 2 (MINIMAL)
            .u8(0b00).u32(41).u8(7)                        // row 1: no NULLs among the two, 41, 7
            .u8(0b10).u32(42)                              // row 2: column 2 NULL
            .toArray();
        final byte[] event = new Bytes().bytes(new byte[EventHeaderFlyweight.LENGTH]).bytes(body).u32(0xCAFEL).toArray();
        event[EventHeaderFlyweight.TYPE_OFFSET] = (byte)BinlogEventType.DELETE_ROWS_V2;
        final RowsEventFlyweight rows = new RowsEventFlyweight().wrap(Bytes.at(event), Bytes.OFFSET, event.length, 4);

        assertThat(rows.change()).isEqualTo(RowChange.DELETE);
        assertThat(rows.tableId()).isEqualTo(RowsFixture.TABLE_ID);
        assertThat(rows.isStatementEnd()).isTrue();
        assertThat(rows.columnCount()).isEqualTo(3);
        assertThat(rows.isPresentBefore(1)).isFalse();
        assertThat(rows.isPresentBefore(2)).isTrue();
        final List<String> seen = new ArrayList<>();
        final int count = new RowsEventReader().read(rows, table.tableMap(SourceFlavor.MYSQL), new RowVisitor()
        {
            @Override
            public void beginRow(final RowChange change)
            {
                seen.add(change.op() + ":");
            }

            @Override
            public void column(final ColumnValue value)
            {
                seen.add(value.image() + " " + value.column() + "=" + value);
            }
        });
        assertThat(count).isEqualTo(2);
        assertThat(seen).containsExactly("d:", "BEFORE 0=41", "BEFORE 2=7", "d:", "BEFORE 0=42", "BEFORE 2=NULL");
    }

    @Test
    void malformedHeadersAreTypedErrors()
    {
        final byte[] shortExtra = new Bytes().u48(1).u16(0).u16(1).toArray();
        assertThatThrownBy(() -> RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2, shortExtra))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("extra data length 1");
        final byte[] noBitmap = new Bytes().u48(1).u16(0).packed(9).u8(0xFF).toArray();
        assertThatThrownBy(() -> RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V1, noBitmap))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("columns-present bitmap");
        assertThatThrownBy(() -> RowsFixture.rowsEvent(BinlogEventType.QUERY, noBitmap))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("not a rows event");
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG);
        final byte[] row = new Bytes().u8(0).u32(1).toArray();
        final byte[] body = table.rowsBody(BinlogEventType.WRITE_ROWS_V2, row);
        final int rowsOffset = body.length - row.length;
        assertThat(new RowsEventReader().read(RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2, Arrays.copyOf(body, rowsOffset)),
            table.tableMap(SourceFlavor.MYSQL), value -> { })).as("an event cut after its bitmaps holds no rows").isZero();
        for (int cut = 0; cut < body.length; cut++)
        {
            if (cut == rowsOffset)
            {
                continue;
            }
            final byte[] truncated = Arrays.copyOf(body, cut);
            assertThatThrownBy(() -> new RowsEventReader().read(RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2, truncated),
                table.tableMap(SourceFlavor.MYSQL), value -> { })).as("cut at " + cut).isInstanceOf(RowDecodeException.class);
        }
    }

    @Test
    void rowsOfNoColumnsFollowedByBytesAreRefusedNotReadForever()
    {
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG);
        final byte[] body = new Bytes()
            .u48(RowsFixture.TABLE_ID).u16(RowsEventFlyweight.STMT_END_F)
            .packed(1)                                     // columns
            .u8(0)                                         // present: none, so a row is no null bitmap and no value
            .u8(7)                                         // a byte no row can take
            .toArray();
        final RowsEventFlyweight rows = RowsFixture.rowsEvent(BinlogEventType.DELETE_ROWS_V1, body);
        assertThatThrownBy(() -> new RowsEventReader().read(rows, table.tableMap(SourceFlavor.MYSQL), value -> { }))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("names no columns in its images");
    }

    @Test
    void aTableMapOfAnotherTableOrWidthIsRefused()
    {
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG);
        final RowsFixture wider = new RowsFixture().column(ColumnType.LONG).column(ColumnType.LONG);
        final RowsEventFlyweight rows = RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2,
            table.rowsBody(BinlogEventType.WRITE_ROWS_V2, new Bytes().u8(0).u32(1).toArray()));
        assertThatThrownBy(() -> new RowsEventReader().read(rows, wider.tableMap(SourceFlavor.MYSQL), value -> { }))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("has 1 columns, its TABLE_MAP 2");
    }
}

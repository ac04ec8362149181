package io.semisync.protocol.rows;

import io.semisync.protocol.binlog.BinlogEventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PARTIAL_UPDATE_ROWS: JSON diffs in the after image, applied to the before value when the event has it. */
class PartialJsonUpdateTest
{
    /** {"a": [1, 2], "b": "x"} in binary JSON. */
    private static Bytes beforeDocument()
    {
        return new Bytes().u8(JsonBinary.SMALL_OBJECT)
            .u16(2).u16(34)                                  // 2 members, 34 bytes
            .u16(18).u16(1).u16(19).u16(1)                   // keys "a" at 18, "b" at 19
            .u8(JsonBinary.SMALL_ARRAY).u16(20)              // a: array at 20
            .u8(JsonBinary.STRING).u16(30)                   // b: string at 30
            .utf8("ab")
            .u16(2).u16(10).u8(JsonBinary.INT16).u16(1).u8(JsonBinary.INT16).u16(2)
            .u8(1).utf8("x")
            .u8(0, 0);                                       // slack MySQL leaves after an in-place update
    }

    /** Replace $.b with "y", insert $.c = true, remove $.a[0], insert $.a[1] = 5. */
    private static Bytes diff()
    {
        final Bytes ops = new Bytes()
            .u8(JsonDiff.REPLACE).packedUtf8("$.b").packed(3).u8(JsonBinary.STRING, 1).utf8("y")
            .u8(JsonDiff.INSERT).packedUtf8("$.c").packed(2).u8(JsonBinary.LITERAL, JsonBinary.LITERAL_TRUE)
            .u8(JsonDiff.REMOVE).packedUtf8("$.a[0]")
            .u8(JsonDiff.INSERT).packedUtf8("$.a[1]").packed(3).u8(JsonBinary.INT16).u16(5);
        return ops;
    }

    @Test
    void diffAppliedToTheBeforeValueGivesTheNewDocument()
    {
        final List<String> after = decode(true);
        assertThat(after).containsExactly("7", "{\"a\":[2,5],\"b\":\"y\",\"c\":true}");
    }

    @Test
    void withoutTheBeforeValueTheDiffItselfIsGiven()
    {
        final List<String> after = decode(false);
        assertThat(after).containsExactly("7", "{\"$jsonDiff\":[{\"op\":\"replace\",\"path\":\"$.b\",\"value\":\"y\"},"
            + "{\"op\":\"insert\",\"path\":\"$.c\",\"value\":true},{\"op\":\"remove\",\"path\":\"$.a[0]\"},"
            + "{\"op\":\"insert\",\"path\":\"$.a[1]\",\"value\":5}]}");
    }

    @Test
    void aPathTheBeforeValueLacksIsAnError()
    {
        final Object tree = new JsonDocument().parse(Bytes.at(beforeDocument().toArray()), Bytes.OFFSET, beforeDocument().size());
        assertThatThrownBy(() -> JsonDocument.apply(tree, JsonDiff.REPLACE, "$.zz", null)).isInstanceOf(RowDecodeException.class)
            .hasMessageContaining("does not have");
        assertThatThrownBy(() -> JsonDocument.apply(tree, JsonDiff.REMOVE, "$.a[9]", null)).isInstanceOf(RowDecodeException.class)
            .hasMessageContaining("past the end");
        assertThatThrownBy(() -> JsonPath.parse("$.a[x]")).isInstanceOf(RowDecodeException.class);
        for (final int operation : new int[] {JsonDiff.REPLACE, JsonDiff.INSERT, JsonDiff.REMOVE})
        {
            assertThatThrownBy(() -> JsonDocument.apply(tree, operation, "$.a[-1]", null)).isInstanceOf(RowDecodeException.class)
                .hasMessageContaining("$.a[-1] is not a path");
        }
        assertThat(JsonPath.parse("$.\"a b\"[3].c")).containsExactly("a b", 3, "c");
    }

    /** One row of (id LONG, doc JSON); with or without the JSON column in the before image. */
    private static List<String> decode(final boolean beforeHasJson)
    {
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG).column(ColumnType.JSON, 4);
        final byte[] document = beforeDocument().toArray();
        final byte[] diff = diff().toArray();
        final Bytes rows = new Bytes();
        if (beforeHasJson)
        {
            rows.u8(0).u32(7).u32(document.length).bytes(document);   // before: no NULLs, 7, the document
        }
        else
        {
            rows.u8(0b10).u32(7);                                     // before: the document NULL (absent in effect)
        }
        rows.packed(RowsEventReader.PARTIAL_JSON_UPDATES).u8(0b1)     // value options; the one JSON column is partial
            .u8(0).u32(7).u32(diff.length).bytes(diff);               // after: 7, the diff
        final List<String> after = new ArrayList<>();
        new RowsEventReader().read(RowsFixture.rowsEvent(BinlogEventType.PARTIAL_UPDATE_ROWS,
            table.rowsBody(BinlogEventType.PARTIAL_UPDATE_ROWS, rows.toArray())), table.tableMap(SourceFlavor.MYSQL), value ->
            {
                if (value.image() == RowImage.AFTER)
                {
                    after.add(value.toString());
                }
            });
        return after;
    }
}

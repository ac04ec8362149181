package io.semisync.protocol.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.semisync.protocol.binlog.BinlogEventType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row written into a jackson JsonGenerator (the cdc feed's way), over a Writer or as UTF-8 bytes, is the same
 * JSON as appended to a StringBuilder.
 */
class JsonGeneratorOutputTest
{
    @Test
    void everyKindOfValueRendersAlikeThroughJackson() throws IOException
    {
        final byte[] utf8 = "q\"\\ ü😀\n".getBytes(StandardCharsets.UTF_8);
        final Bytes document = new Bytes().u8(JsonBinary.SMALL_ARRAY).u16(2).u16(12)
            .u8(JsonBinary.LITERAL).u16(JsonBinary.LITERAL_FALSE).u8(JsonBinary.STRING).u16(10).u8(1).utf8("x");
        final byte[] json = document.toArray();
        final RowsFixture table = new RowsFixture()
            .column(ColumnType.LONGLONG)                              // unsigned max
            .column(ColumnType.VARCHAR, 40, 0)                        // utf8mb4 with escapes
            .column(ColumnType.VARCHAR, 40, 0)                        // latin1
            .column(ColumnType.BLOB, 2)                               // bytes
            .column(ColumnType.NEWDECIMAL, 14, 4)
            .column(ColumnType.TIMESTAMP2, 3)
            .column(ColumnType.JSON, 4)
            .column(ColumnType.GEOMETRY, 4)
            .column(ColumnType.VECTOR, 4)
            .column(ColumnType.STRING, ColumnType.SET, 1)
            .optional(TableMapEventFlyweight.SIGNEDNESS, new Bytes().u8(0b1100_0000))
            .optional(TableMapEventFlyweight.COLUMN_CHARSET, new Bytes().packed(45).packed(8).packed(63).packed(63)) // VARCHARs, BLOB, VECTOR
            .optional(TableMapEventFlyweight.SET_STR_VALUE, new Bytes().packed(2).packedUtf8("a\"b").packedUtf8("c"));
        final byte[] row = new Bytes().u8(0, 0)
            .u64(-1L)
            .u8(utf8.length).bytes(utf8)
            .u8(2).u8(0xE9, 0x80)
            .u16(3).u8(0, 0xFF, 0x10)
            .u8(0x81, 0x0D, 0xFB, 0x38, 0xD2, 0x04, 0xD2)
            .bigEndian(1_709_212_455L, 4).bigEndian(1230, 2)
            .u32(json.length).bytes(json)
            .u32(9).u32(4326).u8(1, 1, 0, 0, 0)
            .u32(4).u32(Float.floatToIntBits(0.5f))
            .u8(0b11)
            .toArray();
        final RowsEventFlyweight event = RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2, table.rowsBody(BinlogEventType.WRITE_ROWS_V2, row));
        final TableMap map = table.tableMap(SourceFlavor.MYSQL);

        final List<String> appended = new ArrayList<>();
        new RowsEventReader().read(event, map, value -> appended.add(value.toString()));
        final StringWriter written = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(written))
        {
            generator.writeStartArray();
            new RowsEventReader().read(event, map, value -> value.writeJson(generator));
            generator.writeEndArray();
        }

        assertThat(appended).containsExactly("18446744073709551615", "\"q\\\"\\\\ ü😀\\n\"", "\"é€\"", "\"AP8Q\"",
            "\"1234567890.1234\"", "\"2024-02-29T13:14:15.123Z\"", "[false,\"x\"]", "{\"srid\":4326,\"wkb\":\"AQEAAAA=\"}", "[0.5]",
            "\"a\\\"b,c\"");
        assertThat(written.toString()).as("through a Writer").isEqualTo("[" + String.join(",", appended) + "]");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = new JsonFactory().createGenerator(bytes))
        {
            generator.writeStartArray();
            new RowsEventReader().read(event, map, value -> value.writeJson(generator));
            generator.writeEndArray();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).as("as UTF-8 bytes").isEqualTo(written.toString());
    }
}

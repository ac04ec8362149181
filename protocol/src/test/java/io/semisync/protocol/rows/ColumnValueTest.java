package io.semisync.protocol.rows;

import io.semisync.protocol.binlog.BinlogEventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each column type decoded from a one-column WRITE_ROWS fixture: typed accessors and JSON. */
class ColumnValueTest
{
    private static final int UTF8MB4 = 45;
    private static final int LATIN1 = 8;

    @Test
    void integersAreSignedOrUnsignedAsTheTableMapSays()
    {
        assertThat(one(ColumnType.TINY, new int[0], new Bytes().u8(0x80), false, ColumnValue::asLong)).isEqualTo(-128L);
        assertThat(one(ColumnType.TINY, new int[0], new Bytes().u8(0xFF), true, ColumnValue::asLong)).isEqualTo(255L);
        assertThat(one(ColumnType.SHORT, new int[0], new Bytes().u16(0x8000), false, ColumnValue::asLong)).isEqualTo(-32768L);
        assertThat(one(ColumnType.SHORT, new int[0], new Bytes().u16(0xFFFF), true, ColumnValue::asLong)).isEqualTo(65535L);
        assertThat(one(ColumnType.INT24, new int[0], new Bytes().u24(0x800000), false, ColumnValue::asLong)).isEqualTo(-8388608L);
        assertThat(one(ColumnType.INT24, new int[0], new Bytes().u24(0xFFFFFF), true, ColumnValue::asLong)).isEqualTo(16777215L);
        assertThat(one(ColumnType.LONG, new int[0], new Bytes().u32(0x8000_0000L), false, ColumnValue::asLong)).isEqualTo(-2147483648L);
        assertThat(one(ColumnType.LONG, new int[0], new Bytes().u32(0xFFFF_FFFFL), true, ColumnValue::asLong)).isEqualTo(4294967295L);
        assertThat(json(ColumnType.LONGLONG, new int[0], new Bytes().u64(-1L), true)).isEqualTo("18446744073709551615");
        assertThat(json(ColumnType.LONGLONG, new int[0], new Bytes().u64(-1L), false)).isEqualTo("-1");
        assertThat(one(ColumnType.LONGLONG, new int[0], new Bytes().u64(-1L), true, ColumnValue::asBigDecimal))
            .isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void decimalIsExactInJavaAndAStringInJson()
    {
        // DECIMAL(14,4): 1234567890.1234 is 0x810DFB38D204D2 and its negation 0x7EF204C72DFB2D (MySQL's decimal.c)
        final int[] meta = {14, 4};
        final Bytes positive = new Bytes().u8(0x81, 0x0D, 0xFB, 0x38, 0xD2, 0x04, 0xD2);
        final Bytes negative = new Bytes().u8(0x7E, 0xF2, 0x04, 0xC7, 0x2D, 0xFB, 0x2D);
        assertThat(one(ColumnType.NEWDECIMAL, meta, positive, false, ColumnValue::asBigDecimal)).isEqualTo(new BigDecimal("1234567890.1234"));
        assertThat(json(ColumnType.NEWDECIMAL, meta, negative, false)).isEqualTo("\"-1234567890.1234\"");
        assertThat(one(ColumnType.NEWDECIMAL, meta, negative, false, ColumnValue::asUnscaledLong)).isEqualTo(-12345678901234L);
        assertThat(one(ColumnType.NEWDECIMAL, meta, positive, false, ColumnValue::decimalScale)).isEqualTo(4);
        // DECIMAL(5,5) 0.00001: no integer digits, 5 fraction digits in 3 bytes
        assertThat(json(ColumnType.NEWDECIMAL, new int[] {5, 5}, new Bytes().u8(0x80, 0x03, 0xE8), false)).isEqualTo("\"0.01000\"");
        // DECIMAL(4,0) 0: prints a lone zero
        assertThat(json(ColumnType.NEWDECIMAL, new int[] {4, 0}, new Bytes().u8(0x80, 0x00), false)).isEqualTo("\"0\"");
    }

    @Test
    void floatingPoint()
    {
        assertThat(json(ColumnType.FLOAT, new int[] {4}, new Bytes().u32(Float.floatToIntBits(1.5f)), false)).isEqualTo("1.5");
        assertThat(one(ColumnType.DOUBLE, new int[] {8}, new Bytes().u64(Double.doubleToLongBits(-2.25e300)), false, ColumnValue::asDouble))
            .isEqualTo(-2.25e300);
    }

    @Test
    void bitIsBigEndianAndBitOneIsABoolean()
    {
        // BIT(13): metadata 5 bits + 1 byte; value 0x1555 in two bytes, big-endian
        assertThat(one(ColumnType.BIT, new int[] {5, 1}, new Bytes().u8(0x15, 0x55), false, ColumnValue::asLong)).isEqualTo(0x1555L);
        assertThat(json(ColumnType.BIT, new int[] {1, 0}, new Bytes().u8(1), false)).isEqualTo("true");
        assertThat(json(ColumnType.BIT, new int[] {0, 8}, new Bytes().u64(-1L), false)).isEqualTo("18446744073709551615");
    }

    @Test
    void datesAndTimes()
    {
        final Bytes date = new Bytes().u24(2024 << 9 | 2 << 5 | 29);
        assertThat(one(ColumnType.DATE, new int[0], date, false, ColumnValue::asLocalDate)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(json(ColumnType.DATE, new int[0], new Bytes().u24(0), false)).isEqualTo("\"0000-00-00\"");

        // DATETIME2(3) 2024-02-29 13:14:15.123: 0x8000000000 + packed fields, then 1230 hundreds of microseconds
        final long fields = ((2024L * 13 + 2) << 5 | 29) << 17 | 13 << 12 | 14 << 6 | 15;
        final Bytes datetime = new Bytes().bigEndian(0x80_0000_0000L + fields, 5).bigEndian(1230, 2);
        assertThat(json(ColumnType.DATETIME2, new int[] {3}, datetime, false)).isEqualTo("\"2024-02-29T13:14:15.123\"");
        assertThat(one(ColumnType.DATETIME2, new int[] {3}, datetime, false, ColumnValue::asLocalDateTime))
            .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000));

        // TIMESTAMP2(6): seconds big-endian, then microseconds in 3 bytes
        final Instant instant = Instant.parse("2024-02-29T13:14:15.123456Z");
        final Bytes timestamp = new Bytes().bigEndian(instant.getEpochSecond(), 4).bigEndian(123456, 3);
        assertThat(json(ColumnType.TIMESTAMP2, new int[] {6}, timestamp, false)).isEqualTo("\"2024-02-29T13:14:15.123456Z\"");
        assertThat(one(ColumnType.TIMESTAMP2, new int[] {6}, timestamp, false, ColumnValue::asInstant)).isEqualTo(instant);
        assertThat(json(ColumnType.TIMESTAMP2, new int[] {0}, new Bytes().bigEndian(0, 4), false)).isEqualTo("\"0000-00-00T00:00:00Z\"");

        // TIME2(0) -838:59:59: 0x800000 minus the packed hour, minute, second
        final Bytes time = new Bytes().bigEndian(0x800000 - (838 << 12 | 59 << 6 | 59), 3);
        assertThat(json(ColumnType.TIME2, new int[] {0}, time, false)).isEqualTo("\"-838:59:59\"");
        // TIME2(2) -00:00:00.50: the integer part -1 (one second down) and fraction 0x100 - 50
        final Bytes halfSecond = new Bytes().bigEndian(0x800000 - 1, 3).u8(0x100 - 50);
        assertThat(json(ColumnType.TIME2, new int[] {2}, halfSecond, false)).isEqualTo("\"-00:00:00.50\"");

        assertThat(one(ColumnType.YEAR, new int[0], new Bytes().u8(124), false, ColumnValue::asLong)).isEqualTo(2024L);
        assertThat(one(ColumnType.YEAR, new int[0], new Bytes().u8(0), false, ColumnValue::asLong)).isEqualTo(0L);
    }

    @Test
    void textInItsCharsetAndBinaryAsBase64()
    {
        final byte[] utf8 = "😀ñ".getBytes(StandardCharsets.UTF_8);
        assertThat(string(ColumnType.VARCHAR, new int[] {0x2C, 0x01}, new Bytes().u16(utf8.length).bytes(utf8), UTF8MB4))
            .isEqualTo("\"😀ñ\"");
        assertThat(string(ColumnType.VARCHAR, new int[] {40, 0}, new Bytes().u8(2).u8(0xE9, 0x80), LATIN1)).isEqualTo("\"é€\"");
        assertThat(string(ColumnType.VARCHAR, new int[] {40, 0}, new Bytes().u8(3).u8(0x00, 0xFF, 0x22), Collations.BINARY))
            .isEqualTo("\"AP8i\"");
        assertThat(string(ColumnType.VARCHAR, new int[] {40, 0}, new Bytes().u8(3).u8('a', '"', '\n'), UTF8MB4))
            .isEqualTo("\"a\\\"\\n\"");
        // BLOB with a 2-byte length; TEXT the same with a charset
        assertThat(string(ColumnType.BLOB, new int[] {2}, new Bytes().u16(2).u8(1, 2), Collations.BINARY)).isEqualTo("\"AQI=\"");
        assertThat(string(ColumnType.BLOB, new int[] {4}, new Bytes().u32(2).utf8("hi"), UTF8MB4)).isEqualTo("\"hi\"");
    }

    @Test
    void charOver255BytesHasATwoByteLengthAndBinaryIsPaddedToItsWidth()
    {
        // CHAR(255) utf8mb4 = 1020 bytes: real type 0xFE with bits 8-9 of the length inverted into bits 4-5
        final String text = "€".repeat(3);
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(string(ColumnType.STRING, new int[] {0xFE ^ 0x30, 0xFC}, new Bytes().u16(bytes.length).bytes(bytes), UTF8MB4))
            .isEqualTo("\"" + text + "\"");
        // BINARY(4) holding "ab": stored without its trailing zeros, given back with them
        assertThat(string(ColumnType.STRING, new int[] {0xFE, 4}, new Bytes().u8(2).utf8("ab"), Collations.BINARY))
            .isEqualTo("\"" + Base64.getEncoder().encodeToString(new byte[] {'a', 'b', 0, 0}) + "\"");
    }

    @Test
    void enumAndSetAreTheirValuesWhenTheTableMapHasThem()
    {
        final RowsFixture table = new RowsFixture().column(ColumnType.STRING, ColumnType.ENUM, 1).column(ColumnType.STRING, ColumnType.SET, 1)
            .optional(TableMapEventFlyweight.ENUM_STR_VALUE, new Bytes().packed(2).packedUtf8("small").packedUtf8("large"))
            .optional(TableMapEventFlyweight.SET_STR_VALUE, new Bytes().packed(3).packedUtf8("x").packedUtf8("y").packedUtf8("z"));
        assertThat(row(table, new Bytes().u8(0).u8(2).u8(0b101))).containsExactly("\"large\"", "\"x,z\"");
        final RowsFixture bare = new RowsFixture().column(ColumnType.STRING, ColumnType.ENUM, 1).column(ColumnType.STRING, ColumnType.SET, 1);
        assertThat(row(bare, new Bytes().u8(0).u8(2).u8(0b101))).containsExactly("2", "5");
    }

    @Test
    void geometryAndVector()
    {
        final byte[] wkb = {1, 1, 0, 0, 0};
        assertThat(string(ColumnType.GEOMETRY, new int[] {4}, new Bytes().u32(4 + wkb.length).u32(4326).bytes(wkb), Collations.BINARY))
            .isEqualTo("{\"srid\":4326,\"wkb\":\"" + Base64.getEncoder().encodeToString(wkb) + "\"}");
        assertThat(string(ColumnType.VECTOR, new int[] {4}, new Bytes().u32(8).u32(Float.floatToIntBits(1.5f)).u32(Float.floatToIntBits(-2f)),
            Collations.BINARY)).isEqualTo("[1.5,-2.0]");
    }

    @Test
    void nullsAndUpdatesWithBothImages()
    {
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG).column(ColumnType.VARCHAR, 10, 0);
        final byte[] rows = new Bytes()
            .u8(0b10).u32(7)                 // before: column 1 NULL, column 0 = 7
            .u8(0b00).u32(8).u8(1).utf8("x") // after: 8, "x"
            .toArray();
        final List<String> seen = new ArrayList<>();
        final int count = new RowsEventReader().read(RowsFixture.rowsEvent(BinlogEventType.UPDATE_ROWS_V1, table.rowsBody(BinlogEventType.UPDATE_ROWS_V1, rows)),
            table.tableMap(SourceFlavor.MYSQL), new RowVisitor()
            {
                @Override
                public void beginImage(final RowImage image)
                {
                    seen.add(image.name());
                }

                @Override
                public void column(final ColumnValue value)
                {
                    seen.add(value.toString());
                }
            });
        assertThat(count).isOne();
        assertThat(seen).containsExactly("BEFORE", "7", "NULL", "AFTER", "8", "\"x\"");
    }

    @Test
    void malformedValuesAreTypedErrors()
    {
        // VARCHAR announcing 5 bytes with 2 left
        assertThatThrownBy(() -> string(ColumnType.VARCHAR, new int[] {10, 0}, new Bytes().u8(5).utf8("ab"), UTF8MB4))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("announces 5 bytes");
        // VARCHAR(10) holding 11 bytes
        assertThatThrownBy(() -> string(ColumnType.VARCHAR, new int[] {10, 0}, new Bytes().u8(11).utf8("abcdefghijk"), UTF8MB4))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("more than its 10");
        // LONGLONG with 3 bytes left
        assertThatThrownBy(() -> json(ColumnType.LONGLONG, new int[0], new Bytes().u8(1, 2, 3), false))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("needs 8 bytes");
        // BLOB with a 4-byte length past the end
        assertThatThrownBy(() -> string(ColumnType.BLOB, new int[] {4}, new Bytes().u32(0xFFFF_FFF0L).u8(1), Collations.BINARY))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("remain in the event");
        // DATETIME2 at hour 24
        final long hour24 = ((2024L * 13 + 2) << 5 | 28) << 17 | 24L << 12;
        assertThatThrownBy(() -> json(ColumnType.DATETIME2, new int[] {0}, new Bytes().bigEndian(0x80_0000_0000L + hour24, 5), false))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("out of range");
        // a DECIMAL digit group above 999999999
        assertThatThrownBy(() -> json(ColumnType.NEWDECIMAL, new int[] {9, 0}, new Bytes().u8(0xBF, 0xFF, 0xFF, 0xFF), false))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("more than nine digits");
        // the row's null bitmap past the end of the event
        final RowsFixture table = new RowsFixture().column(ColumnType.LONG);
        assertThatThrownBy(() -> new RowsEventReader().read(RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2,
            table.rowsBody(BinlogEventType.WRITE_ROWS_V2, new byte[] {0, 1, 2})), table.tableMap(SourceFlavor.MYSQL), value -> { }))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("LONG column 0");
    }

    private static Object one(final int type, final int[] metadata, final Bytes value, final boolean unsigned,
        final Function<ColumnValue, Object> read)
    {
        final RowsFixture table = new RowsFixture().column(type, metadata);
        if (unsigned)
        {
            table.optional(TableMapEventFlyweight.SIGNEDNESS, new Bytes().u8(0x80));
        }
        final List<Object> values = new ArrayList<>();
        new RowsEventReader().read(writeRows(table, value), table.tableMap(SourceFlavor.MYSQL), v -> values.add(read.apply(v)));
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static String json(final int type, final int[] metadata, final Bytes value, final boolean unsigned)
    {
        return (String)one(type, metadata, value, unsigned, ColumnValue::toString);
    }

    /** A character column of the collation, rendered as JSON. */
    private static String string(final int type, final int[] metadata, final Bytes value, final int collation)
    {
        final RowsFixture table = new RowsFixture().column(type, metadata)
            .optional(TableMapEventFlyweight.DEFAULT_CHARSET, new Bytes().packed(collation));
        return row(table, new Bytes().u8(0).bytes(value.toArray())).get(0);
    }

    private static List<String> row(final RowsFixture table, final Bytes row)
    {
        final List<String> values = new ArrayList<>();
        new RowsEventReader().read(RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2, table.rowsBody(BinlogEventType.WRITE_ROWS_V2, row.toArray())),
            table.tableMap(SourceFlavor.MYSQL), value -> values.add(value.toString()));
        return values;
    }

    private static RowsEventFlyweight writeRows(final RowsFixture table, final Bytes value)
    {
        final byte[] rows = new Bytes().u8(0).bytes(value.toArray()).toArray();
        return RowsFixture.rowsEvent(BinlogEventType.WRITE_ROWS_V2, table.rowsBody(BinlogEventType.WRITE_ROWS_V2, rows));
    }
}

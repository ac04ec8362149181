package io.semisync.protocol.rows;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TABLE_MAP bodies with and without the optional metadata of {@code binlog_row_metadata=FULL}. */
class TableMapEventFlyweightTest
{
    /** id INT UNSIGNED, name VARCHAR(300) latin1, kind ENUM, tags SET, price DECIMAL(10,2), shape GEOMETRY, note CHAR(255) */
    private static RowsFixture table()
    {
        return new RowsFixture()
            .column(ColumnType.LONG)
            .column(ColumnType.VARCHAR, 0x2C, 0x01)
            .column(ColumnType.STRING, ColumnType.ENUM, 1)
            .column(ColumnType.STRING, ColumnType.SET, 1)
            .column(ColumnType.NEWDECIMAL, 10, 2)
            .column(ColumnType.GEOMETRY, 4)
            .column(ColumnType.STRING, 0xFE ^ 0x30, 0xFC);
    }

    @Test
    void fullMetadata()
    {
        final RowsFixture fixture = table()
            .optional(TableMapEventFlyweight.SIGNEDNESS, new Bytes().u8(0b1000_0000))           // id unsigned, price signed
            .optional(TableMapEventFlyweight.DEFAULT_CHARSET, new Bytes().packed(45).packed(0).packed(8)) // utf8mb4; name latin1
            .optional(TableMapEventFlyweight.COLUMN_NAME, names("id", "name", "kind", "tags", "price", "shape", "note"))
            .optional(TableMapEventFlyweight.ENUM_AND_SET_DEFAULT_CHARSET, new Bytes().packed(45))
            .optional(TableMapEventFlyweight.SET_STR_VALUE, new Bytes().packed(2).packedUtf8("red").packedUtf8("blue"))
            .optional(TableMapEventFlyweight.ENUM_STR_VALUE, new Bytes().packed(1).packedUtf8("ç"))
            .optional(TableMapEventFlyweight.GEOMETRY_TYPE, new Bytes().packed(1))
            .optional(TableMapEventFlyweight.PRIMARY_KEY_WITH_PREFIX, new Bytes().packed(0).packed(0).packed(1).packed(10))
            .optional(TableMapEventFlyweight.COLUMN_VISIBILITY, new Bytes().u8(0b1111_1100))   // note invisible
            .optional(99, new Bytes().u8(1, 2, 3));                                           // unknown: skipped
        final TableMap map = fixture.tableMap(SourceFlavor.MYSQL);

        assertThat(map.tableId()).isEqualTo(RowsFixture.TABLE_ID);
        assertThat(map.database()).isEqualTo("shop");
        assertThat(map.table()).isEqualTo("orders");
        assertThat(map.columnCount()).isEqualTo(7);
        assertThat(types(map)).containsExactly(ColumnType.LONG, ColumnType.VARCHAR, ColumnType.ENUM, ColumnType.SET, ColumnType.NEWDECIMAL,
            ColumnType.GEOMETRY, ColumnType.STRING);
        assertThat(map.columnMetadata(1)).isEqualTo(300);
        assertThat(map.columnMetadata(4)).isEqualTo(10 << 8 | 2);
        assertThat(map.columnMetadata(6)).as("CHAR(255) utf8mb4: 1020 bytes").isEqualTo(1020);
        assertThat(map.isUnsigned(0)).isTrue();
        assertThat(map.isUnsigned(4)).isFalse();
        assertThat(map.charset(1)).isEqualTo(java.nio.charset.Charset.forName("windows-1252"));
        assertThat(map.charset(6)).as("MySQL gives GEOMETRY no charset: note is the 2nd character column").isEqualTo(StandardCharsets.UTF_8);
        assertThat(map.columnName(4)).isEqualTo("price");
        assertThat(map.enumOrSetValues(2)).containsExactly("ç");
        assertThat(map.enumOrSetValues(3)).containsExactly("red", "blue");
        assertThat(map.geometryType(5)).isEqualTo(1);
        assertThat(map.primaryKey()).containsExactly(0, 1);
        assertThat(map.primaryKeyPrefix(1)).isEqualTo(10);
        assertThat(map.isVisible(5)).isTrue();
        assertThat(map.isVisible(6)).isFalse();
        assertThat(map.isNullable(0)).isTrue();

        final byte[] body = fixture.tableMapBody();
        assertThat(new TableMapEventFlyweight().wrapBody(Bytes.at(body), Bytes.OFFSET, body.length).matches(map)).isTrue();
        body[body.length - 1] ^= 1;
        assertThat(new TableMapEventFlyweight().wrapBody(Bytes.at(body), Bytes.OFFSET, body.length).matches(map)).isFalse();
    }

    @Test
    void mariadbCountsGeometryAmongCharacterColumns()
    {
        final TableMap map = table()
            .optional(TableMapEventFlyweight.COLUMN_CHARSET, new Bytes().packed(8).packed(63).packed(45))
            .tableMap(SourceFlavor.MARIADB);
        assertThat(map.charset(1)).isEqualTo(java.nio.charset.Charset.forName("windows-1252"));
        assertThat(map.isBinary(5)).isTrue();
        assertThat(map.charset(6)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void minimalMetadataHasNoNames()
    {
        final TableMap map = table().tableMap(SourceFlavor.MYSQL);
        assertThat(map.hasColumnNames()).isFalse();
        assertThat(map.columnName(0)).isNull();
        assertThat(map.collation(1)).isEqualTo(Collations.UNKNOWN);
        assertThat(map.primaryKey()).isEmpty();
        final TableMap named = map.withColumns(List.of("id", "name", "kind", "tags", "price", "shape", "note"),
            Arrays.asList(null, null, List.of("a"), List.of("x", "y"), null, null, null));
        assertThat(named.columnName(6)).isEqualTo("note");
        assertThat(named.enumOrSetValues(3)).containsExactly("x", "y");
    }

    @Test
    void everyTruncationOfTheFixedPartIsATypedError()
    {
        final byte[] body = table().tableMapBody();
        for (int length = 0; length < body.length; length++)
        {
            final byte[] cut = Arrays.copyOf(body, length);
            final int at = length;
            assertThatThrownBy(() -> new TableMapEventFlyweight().wrapBody(Bytes.at(cut), Bytes.OFFSET, cut.length).tableMap(SourceFlavor.MYSQL))
                .as("body cut at " + at).isInstanceOf(RowDecodeException.class);
        }
    }

    @Test
    void optionalMetadataPastItsEndIsATypedError()
    {
        final RowsFixture fixture = table().optional(TableMapEventFlyweight.COLUMN_NAME, names("id"));
        assertThatThrownBy(() -> fixture.tableMap(SourceFlavor.MYSQL)).isInstanceOf(RowDecodeException.class)
            .hasMessageContaining("length of name 1");
        final byte[] body = table().optional(TableMapEventFlyweight.GEOMETRY_TYPE, new Bytes().packed(1)).tableMapBody();
        final byte[] cut = Arrays.copyOf(body, body.length - 1);
        assertThatThrownBy(() -> new TableMapEventFlyweight().wrapBody(Bytes.at(cut), Bytes.OFFSET, cut.length).tableMap(SourceFlavor.MYSQL))
            .isInstanceOf(RowDecodeException.class).hasMessageContaining("optional metadata 7");
    }

    private static Bytes names(final String... names)
    {
        final Bytes bytes = new Bytes();
        for (final String name : names)
        {
            bytes.packedUtf8(name);
        }
        return bytes;
    }

    private static int[] types(final TableMap map)
    {
        final int[] types = new int[map.columnCount()];
        Arrays.setAll(types, map::columnType);
        return types;
    }
}

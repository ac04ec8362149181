package io.semisync.it.cdc;

import io.semisync.sources.Flavor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table with a column of every type the row decoder reads, and rows of their minimum and maximum values,
 * NULLs, zero dates and a BLOB over 16 MiB, for a flavor (VECTOR is MySQL's; MariaDB's JSON is a LONGTEXT).
 */
final class AllTypesTable
{
    static final String NAME = "cdc_it.all_types";
    static final List<String> ENUM_VALUES = List.of("a", "b", "ç");
    static final List<String> SET_VALUES = List.of("x", "y", "z");
    /** Bytes of the BLOB over 16 MiB (one packet of 16 MiB - 1 cannot hold its event). */
    static final int BIG_BLOB_BYTES = 17 * 1024 * 1024;

    /**
     * One column: its SQL type, how it is compared, its value in the minimum and maximum rows (SQL), and whether
     * it is a BLOB or TEXT, which {@code binlog_row_image=NOBLOB} leaves out (MySQL's JSON, GEOMETRY and VECTOR it keeps).
     */
    record Column(String name, String sqlType, Comparison comparison, String select, String min, String max, boolean blobOrText)
    {
        List<String> enumValues()
        {
            return name.equals("en") ? ENUM_VALUES : name.equals("st") ? SET_VALUES : null;
        }
    }

    private final List<Column> columns;

    AllTypesTable(final Flavor flavor)
    {
        final List<Column> list = new ArrayList<>();
        list.add(new Column("id", "INT NOT NULL PRIMARY KEY", Comparison.LONG, "id", "1", "2", false));
        number(list, "ti", "TINYINT", "-128", "127");
        number(list, "ti_u", "TINYINT UNSIGNED", "0", "255");
        number(list, "si", "SMALLINT", "-32768", "32767");
        number(list, "si_u", "SMALLINT UNSIGNED", "0", "65535");
        number(list, "mi", "MEDIUMINT", "-8388608", "8388607");
        number(list, "mi_u", "MEDIUMINT UNSIGNED", "0", "16777215");
        number(list, "i", "INT", "-2147483648", "2147483647");
        number(list, "i_u", "INT UNSIGNED", "0", "4294967295");
        number(list, "bi", "BIGINT", "-9223372036854775808", "9223372036854775807");
        list.add(new Column("bi_u", "BIGINT UNSIGNED", Comparison.BIG_UNSIGNED, "bi_u", "0", "18446744073709551615", false));
        decimal(list, "d65", "DECIMAL(65,30)", "-" + "9".repeat(35) + "." + "9".repeat(30), "1" + "2".repeat(34) + ".000000000000000000000000000001");
        decimal(list, "d10", "DECIMAL(10,2)", "-12345678.91", "99999999.99");
        decimal(list, "d18", "DECIMAL(18,0)", "-999999999999999999", "123456789012345678");
        decimal(list, "d5", "DECIMAL(5,5)", "-0.00001", "0.99999");
        decimal(list, "d_u", "DECIMAL(20,4) UNSIGNED", "0", "9876543210123456.7891");
        list.add(new Column("fl", "FLOAT", Comparison.FLOAT, "fl", "-3.40282e38", "3.40282e38", false));
        list.add(new Column("fl_u", "FLOAT", Comparison.FLOAT, "fl_u", "1.17549e-38", "0.1", false));
        list.add(new Column("db", "DOUBLE", Comparison.DOUBLE, "db", "-1.7976931348623157e308", "2.2250738585072014e-308", false));
        list.add(new Column("b1", "BIT(1)", Comparison.BIT, "b1", "b'0'", "b'1'", false));
        list.add(new Column("b13", "BIT(13)", Comparison.BIT, "b13", "b'1'", "b'1010101010101'", false));
        list.add(new Column("b64", "BIT(64)", Comparison.BIT, "b64", "b'0'", "x'FFFFFFFFFFFFFFFF'", false));
        temporal(list, "dt_d", "DATE", "'1000-01-01'", "'9999-12-31'");
        temporal(list, "tm", "TIME", "'-838:59:59'", "'838:59:59'");
        temporal(list, "tm1", "TIME(1)", "'-838:59:58.9'", "'12:34:56.7'");
        temporal(list, "tm4", "TIME(4)", "'-00:00:00.0001'", "'23:59:59.9999'");
        temporal(list, "tm6", "TIME(6)", "'-00:00:01.000001'", "'838:59:58.999999'");
        temporal(list, "dtm", "DATETIME", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'");
        temporal(list, "dtm3", "DATETIME(3)", "'1000-01-01 00:00:00.001'", "'9999-12-31 23:59:59.999'");
        temporal(list, "dtm6", "DATETIME(6)", "'1000-01-01 00:00:00.000001'", "'9999-12-31 23:59:59.999999'");
        temporal(list, "ts", "TIMESTAMP NULL", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'");
        temporal(list, "ts2", "TIMESTAMP(2) NULL", "'1970-01-01 00:00:01.01'", "'2038-01-19 03:14:07.99'");
        temporal(list, "ts6", "TIMESTAMP(6) NULL", "'1970-01-01 00:00:01.000001'", "'2038-01-19 03:14:07.999999'");
        list.add(new Column("yr", "YEAR", Comparison.LONG, "CAST(yr AS UNSIGNED)", "1901", "2155", false));
        text(list, "ch", "CHAR(10) CHARACTER SET utf8mb4", "''", "'😀ñ漢字 end'", false);
        text(list, "ch_l1", "CHAR(10) CHARACTER SET latin1", "'a'", "'Àéîõü€'", false);
        text(list, "ch_long", "CHAR(255) CHARACTER SET utf8mb4", "'x'", "REPEAT('€', 255)", false);
        text(list, "vc", "VARCHAR(300) CHARACTER SET utf8mb4", "''", "REPEAT('é', 300)", false);
        text(list, "vc_short", "VARCHAR(20) CHARACTER SET utf8mb4", "'z'", "'𝄞 clef'", false);
        text(list, "vc_l1", "VARCHAR(50) CHARACTER SET latin1", "'ÿ'", "'Ünïcödé'", false);
        bytes(list, "bn", "BINARY(8)", "x'00'", "x'0102030405060700'", false);
        bytes(list, "vbn", "VARBINARY(300)", "x''", "x'00FF00FF'", false);
        bytes(list, "tbl", "TINYBLOB", "x''", "x'FF'", true);
        bytes(list, "bl", "BLOB", "x'00'", "UNHEX(REPEAT('AB', 65535))", true);
        bytes(list, "mbl", "MEDIUMBLOB", "x'01'", "UNHEX(REPEAT('CD', 100000))", true);
        bytes(list, "lbl", "LONGBLOB", "x'02'", "x'0203'", true);
        text(list, "ttx", "TINYTEXT CHARACTER SET utf8mb4", "''", "'ü'", true);
        text(list, "tx", "TEXT CHARACTER SET utf8mb4", "'a'", "REPEAT('漢', 1000)", true);
        text(list, "mtx", "MEDIUMTEXT CHARACTER SET utf8mb4", "'b'", "REPEAT('😀', 10000)", true);
        text(list, "ltx", "LONGTEXT CHARACTER SET latin1", "'c'", "'long ÿ text'", true);
        text(list, "en", "ENUM('a','b','ç') CHARACTER SET utf8mb4", "'a'", "'ç'", false);
        text(list, "st", "SET('x','y','z')", "''", "'x,y,z'", false);
        final String document = "'{\"a\": [1, 2, [3, {\"b\": null}], []], \"c\": true, \"d\": 1.5, \"e\": \"ü\\\\\\\"q\", "
            + "\"f\": -9223372036854775808, \"g\": 18446744073709551615, \"h\": 3.0e300, \"i\": false, \"k\": {}, "
            + "\"long\": \"" + "x".repeat(300) + "\"}'";
        if (flavor == Flavor.MYSQL)
        {
            list.add(new Column("js", "JSON", Comparison.JSON, "js", "'[]'", document, false));
            list.add(new Column("js_op", "JSON", Comparison.JSON, "js_op", "'null'",
                "JSON_OBJECT('date', CAST('2024-02-29' AS DATE), 'datetime', CAST('2024-02-29 13:14:15.123456' AS DATETIME(6)), "
                    + "'time', CAST('-12:34:56.5' AS TIME(1)), 'decimal', CAST(-12.345 AS DECIMAL(10,3)), 'int', 70000, "
                    + "'big', 4294967296, 'neg', -70000, 'arr', JSON_ARRAY(-1, 65535, 'x'))", false));
        }
        else
        {
            text(list, "js", "JSON", "'[]'", document, true);
        }
        bytes(list, "geo", "GEOMETRY", "ST_GeomFromText('POINT(0 0)')", "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 0))')", false);
        bytes(list, "pt", "POINT", "ST_GeomFromText('POINT(1.5 -2.5)')", "ST_GeomFromText('POINT(1 2)', 4326)", false);
        if (flavor == Flavor.MYSQL)
        {
            bytes(list, "vec", "VECTOR(3)", "STRING_TO_VECTOR('[0,0,0]')", "STRING_TO_VECTOR('[1.5,-2.25,3.4028235e38]')", false);
        }
        this.columns = List.copyOf(list);
    }

    List<Column> columns()
    {
        return columns;
    }

    String createStatement()
    {
        return "CREATE TABLE " + NAME + " (" + columns.stream().map(c -> c.name() + " " + c.sqlType())
            .collect(Collectors.joining(", ")) + ") DEFAULT CHARSET=utf8mb4";
    }

    String insertMinimum()
    {
        return insert(1, true);
    }

    String insertMaximum()
    {
        return insert(2, false);
    }

    String selectAll(final String where)
    {
        return "SELECT " + columns.stream().map(Column::select).collect(Collectors.joining(", ")) + " FROM " + NAME + " WHERE " + where;
    }

    private String insert(final int id, final boolean minimum)
    {
        return "INSERT INTO " + NAME + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
            + id + columns.stream().skip(1).map(c -> ", " + (minimum ? c.min() : c.max())).collect(Collectors.joining()) + ")";
    }

    private static void number(final List<Column> list, final String name, final String type, final String min, final String max)
    {
        list.add(new Column(name, type, Comparison.LONG, name, min, max, false));
    }

    private static void decimal(final List<Column> list, final String name, final String type, final String min, final String max)
    {
        list.add(new Column(name, type, Comparison.DECIMAL, name, min, max, false));
    }

    private static void temporal(final List<Column> list, final String name, final String type, final String min, final String max)
    {
        list.add(new Column(name, type, Comparison.TEMPORAL, Comparison.TEMPORAL.selectExpression(name), min, max, false));
    }

    private static void text(final List<Column> list, final String name, final String type, final String min, final String max,
        final boolean blobOrText)
    {
        list.add(new Column(name, type, Comparison.TEXT, name, min, max, blobOrText));
    }

    private static void bytes(final List<Column> list, final String name, final String type, final String min, final String max,
        final boolean blobOrText)
    {
        list.add(new Column(name, type, Comparison.BYTES, name, min, max, blobOrText));
    }
}

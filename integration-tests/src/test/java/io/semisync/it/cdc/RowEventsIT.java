package io.semisync.it.cdc;

import io.semisync.it.SourceRelease;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.cdc.AllTypesTable.Column;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.protocol.rows.RowChange;
import io.semisync.protocol.rows.TableMap;
import io.semisync.replica.ReplicaState;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row events of a table holding every column type, written by real MySQL 9.7 and MariaDB 10.11, stored by the
 * replica in its relay log, decoded from there with {@code io.semisync.protocol.rows}: every decoded image of
 * every INSERT, UPDATE and DELETE equals what SELECT through mysql-connector-j returned just before and after
 * the statement, with {@code binlog_row_image} FULL, MINIMAL and NOBLOB and {@code binlog_row_metadata} FULL
 * and MINIMAL, and once more with the source compressing what it logs ({@code binlog_transaction_compression},
 * {@code log_bin_compress}); minimum and maximum values, NULLs, zero dates, multi-byte utf8mb4 and latin1 text, JSON with
 * nested arrays and a BLOB over 16 MiB (the source's {@code max_allowed_packet} raised for it) included.
 */
@ExtendWith(SourceServerExtension.class)
class RowEventsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int PACKET_BYTES = 256 * 1024 * 1024;
    /** Four inserts, three updates, two deletes; the round with the big BLOB inserts and deletes one more. */
    private static final int CHANGES_PER_ROUND = 9;
    /** The updates of {@link #partialJsonUpdates}. */
    private static final int PARTIAL_UPDATES = 2;

    /**
     * One pass of the workload under a metadata setting and a row image, with the source compressing what it logs (MySQL's
     * {@code binlog_transaction_compression}, MariaDB's {@code log_bin_compress}) or not.
     */
    private record Round(String metadata, String rowImage, boolean bigBlob, boolean compressed)
    {
    }

    private static final List<Round> ROUNDS = List.of(
        new Round("FULL", "FULL", true, false),
        new Round("FULL", "MINIMAL", false, false),
        new Round("FULL", "NOBLOB", false, false),
        new Round("FULL", "FULL", true, true),
        new Round("MINIMAL", "FULL", false, false));

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void decodedRowsEqualWhatSelectReturns(final SourceRelease release, @TempDir final Path dataDir) throws SQLException, IOException
    {
        final Flavor flavor = release.flavor();
        final SourceServer server = release.shared();
        final AllTypesTable table = new AllTypesTable(flavor);
        final String savedMetadata = server.queryValue("SELECT @@global.binlog_row_metadata");
        final String savedPacket = server.queryValue("SELECT @@global.max_allowed_packet");
        final List<DecodedChange> expected = new ArrayList<>();
        try (ReplicaProcess replica = ReplicaProcess.start("row-events-" + release, server.host(), server.port(),
            server.replicationUser(), dataDir, ReplicaLogs.directory(RowEventsIT.class, release)))
        {
            replica.awaitStatus("streaming", TIMEOUT, status -> status.state() == ReplicaState.STREAMING);
            server.execute("SET GLOBAL max_allowed_packet = " + PACKET_BYTES, "DROP DATABASE IF EXISTS cdc_it",
                "CREATE DATABASE cdc_it", table.createStatement());
            for (final Round round : ROUNDS)
            {
                server.execute("SET GLOBAL binlog_row_metadata = " + round.metadata());
                if (flavor == Flavor.MARIADB)
                {
                    server.execute("SET GLOBAL log_bin_compress = " + (round.compressed() ? "ON" : "OFF"),
                        "SET GLOBAL log_bin_compress_min_len = 10");
                }
                try (Connection connection = connect(server))
                {
                    if (flavor == Flavor.MYSQL)
                    {
                        try (Statement statement = connection.createStatement())
                        {
                            statement.execute("SET SESSION binlog_transaction_compression = " + (round.compressed() ? "ON" : "OFF"));
                        }
                    }
                    workload(connection, table, round, expected);
                }
            }
            if (flavor == Flavor.MYSQL)
            {
                try (Connection connection = connect(server))
                {
                    partialJsonUpdates(connection, table, expected);
                }
            }
            ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), TIMEOUT, replica);
            replica.stop();
        }
        finally
        {
            server.execute("SET GLOBAL binlog_row_metadata = " + savedMetadata, "SET GLOBAL max_allowed_packet = " + savedPacket);
            if (flavor == Flavor.MARIADB)
            {
                server.execute("SET GLOBAL log_bin_compress = OFF");
            }
        }

        final RelayLogRows rows = RelayLogRows.read(dataDir, AllTypesTable.NAME, table.columns());
        assertThat(rows.changes()).as("row changes decoded from the relay log").hasSize(expected.size());
        final List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++)
        {
            compare(table, i, expected.get(i), rows.changes().get(i), mismatches);
        }
        assertThat(mismatches).as("decoded values that differ from SELECT").isEmpty();
        assertThat(rows.compressedEvents()).as("compressed events the source logged in the compressed round").isPositive();
        tableMapsCarryTheMetadata(table, rows.tableMaps());
        imagesHoldTheColumnsOfTheirRowImage(table, rows.changes());
        if (flavor == Flavor.MYSQL)
        {
            assertThat(rows.partialUpdateEvents()).as("PARTIAL_UPDATE_ROWS events decoded").isEqualTo(PARTIAL_UPDATES);
        }
    }

    /**
     * MySQL's {@code binlog_row_value_options=PARTIAL_JSON}: JSON_SET/REPLACE/REMOVE logged as diffs; with a FULL
     * row image the decoder applies them to the before value, with MINIMAL it gives the diff.
     */
    private static void partialJsonUpdates(final Connection connection, final AllTypesTable table, final List<DecodedChange> expected)
        throws SQLException
    {
        final String name = AllTypesTable.NAME;
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET SESSION binlog_row_value_options = 'PARTIAL_JSON'");
            statement.execute("SET SESSION binlog_row_image = FULL");
            statement.execute("TRUNCATE TABLE " + name);
        }
        apply(connection, table, table.insertMaximum(), RowChange.INSERT, 2, expected);
        apply(connection, table, "UPDATE " + name + " SET js = JSON_SET(js, '$.c', false, '$.a[2][1].b', 'deep', '$.added', 7), "
            + "js_op = JSON_REMOVE(js_op, '$.int') WHERE id = 2", RowChange.UPDATE, 2, expected);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET SESSION binlog_row_image = MINIMAL");
        }
        apply(connection, table, "UPDATE " + name + " SET js = JSON_REPLACE(js, '$.d', 2.5) WHERE id = 2", RowChange.UPDATE, 2, expected);
    }

    private static Connection connect(final SourceServer server) throws SQLException
    {
        final Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.admin().name(), server.admin().password());
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET SESSION sql_mode = ''");
            statement.execute("SET SESSION time_zone = '+00:00'");
        }
        return connection;
    }

    private static void workload(final Connection connection, final AllTypesTable table, final Round round,
        final List<DecodedChange> expected) throws SQLException
    {
        final String name = AllTypesTable.NAME;
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET SESSION binlog_row_image = " + round.rowImage());
            statement.execute("TRUNCATE TABLE " + name);
        }
        apply(connection, table, table.insertMinimum(), RowChange.INSERT, 1, expected);
        apply(connection, table, table.insertMaximum(), RowChange.INSERT, 2, expected);
        apply(connection, table, "INSERT INTO " + name + " (id) VALUES (3)", RowChange.INSERT, 3, expected);
        apply(connection, table, "INSERT INTO " + name + " (id, dt_d, dtm, dtm3, ts, ts6, yr) VALUES (4, '0000-00-00', "
            + "'0000-00-00 00:00:00', '2024-00-00 10:00:00.500', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000000', 0)",
            RowChange.INSERT, 4, expected);
        if (round.bigBlob())
        {
            apply(connection, table, "INSERT INTO " + name + " (id, lbl, ltx) VALUES (5, REPEAT('x', " + AllTypesTable.BIG_BLOB_BYTES
                + "), 'big')", RowChange.INSERT, 5, expected);
        }
        apply(connection, table, "UPDATE " + name + " SET i = 42, vc = 'changed ✓', ts6 = '2001-02-03 04:05:06.5', en = 'b', "
            + "st = 'y,z' WHERE id = 1", RowChange.UPDATE, 1, expected);
        apply(connection, table, "UPDATE " + name + " SET tx = 'new text', lbl = x'FFFE' WHERE id = 2", RowChange.UPDATE, 2, expected);
        apply(connection, table, "UPDATE " + name + " SET ti = 1, dt_d = '2024-02-29', lbl = x'00', js = '{\"k\": [1]}' WHERE id = 3",
            RowChange.UPDATE, 3, expected);
        apply(connection, table, "DELETE FROM " + name + " WHERE id = 2", RowChange.DELETE, 2, expected);
        apply(connection, table, "DELETE FROM " + name + " WHERE id = 4", RowChange.DELETE, 4, expected);
        if (round.bigBlob())
        {
            apply(connection, table, "DELETE FROM " + name + " WHERE id = 5", RowChange.DELETE, 5, expected);
        }
    }

    /** Runs a one-row statement and records what SELECT shows of the row before and after it. */
    private static void apply(final Connection connection, final AllTypesTable table, final String sql, final RowChange change,
        final int id, final List<DecodedChange> expected) throws SQLException
    {
        final Map<Integer, Object> before = change == RowChange.INSERT ? null : select(connection, table, id);
        try (Statement statement = connection.createStatement())
        {
            assertThat(statement.executeUpdate(sql)).as("rows changed by " + sql).isEqualTo(1);
        }
        final Map<Integer, Object> after = change == RowChange.DELETE ? null : select(connection, table, id);
        expected.add(new DecodedChange(change, before, after));
    }

    private static Map<Integer, Object> select(final Connection connection, final AllTypesTable table, final int id) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(table.selectAll("id = " + id)))
        {
            assertThat(rows.next()).as("row " + id).isTrue();
            final Map<Integer, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < table.columns().size(); i++)
            {
                values.put(i, table.columns().get(i).comparison().expected(rows, i + 1));
            }
            return values;
        }
    }

    private static void compare(final AllTypesTable table, final int index, final DecodedChange expected, final DecodedChange decoded,
        final List<String> mismatches)
    {
        if (expected.change() != decoded.change())
        {
            mismatches.add("change " + index + ": " + decoded.change() + ", expected " + expected.change());
            return;
        }
        compareImage(table, index + " " + expected.change() + " before", expected.before(), decoded.before(), mismatches);
        compareImage(table, index + " " + expected.change() + " after", expected.after(), decoded.after(), mismatches);
    }

    private static void compareImage(final AllTypesTable table, final String what, final Map<Integer, Object> expected,
        final Map<Integer, Object> decoded, final List<String> mismatches)
    {
        if (expected == null || decoded == null)
        {
            if (expected != decoded)
            {
                mismatches.add(what + ": image " + (decoded == null ? "missing" : "unexpected"));
            }
            return;
        }
        for (final Map.Entry<Integer, Object> entry : decoded.entrySet())
        {
            final Object want = expected.get(entry.getKey());
            if (!Comparison.same(want, entry.getValue()))
            {
                final Column column = table.columns().get(entry.getKey());
                mismatches.add(what + " " + column.name() + " " + column.sqlType() + ": decoded " + entry.getValue() + ", SELECT " + want);
            }
        }
    }

    private static void tableMapsCarryTheMetadata(final AllTypesTable table, final List<TableMap> maps)
    {
        final List<Column> columns = table.columns();
        final TableMap full = maps.get(0);
        assertThat(IntStream.range(0, full.columnCount()).mapToObj(full::columnName).toList()).as("column names with FULL metadata")
            .isEqualTo(columns.stream().map(Column::name).toList());
        assertThat(full.enumOrSetValues(indexOf(columns, "en"))).as("ENUM values").isEqualTo(AllTypesTable.ENUM_VALUES);
        assertThat(full.enumOrSetValues(indexOf(columns, "st"))).as("SET values").isEqualTo(AllTypesTable.SET_VALUES);
        assertThat(full.primaryKey()).as("primary key").containsExactly(0);
        for (int i = 0; i < columns.size(); i++)
        {
            assertThat(full.isUnsigned(i)).as("UNSIGNED of " + columns.get(i).name()).isEqualTo(columns.get(i).sqlType().contains("UNSIGNED"));
            assertThat(full.isNullable(i)).as("nullable " + columns.get(i).name()).isEqualTo(i != 0);
        }
        assertThat(full.charset(indexOf(columns, "ch_l1"))).as("latin1 CHAR").isEqualTo(Charset.forName("windows-1252"));
        assertThat(full.charset(indexOf(columns, "ltx"))).as("latin1 LONGTEXT").isEqualTo(Charset.forName("windows-1252"));
        assertThat(full.charset(indexOf(columns, "ch"))).as("utf8mb4 CHAR").isEqualTo(Charset.forName("UTF-8"));
        assertThat(full.isBinary(indexOf(columns, "bl"))).as("BLOB is binary").isTrue();
        final TableMap minimal = maps.get(maps.size() - 1);
        assertThat(minimal.hasColumnNames()).as("column names with MINIMAL metadata").isFalse();
        assertThat(minimal.isUnsigned(indexOf(columns, "bi_u"))).as("UNSIGNED with MINIMAL metadata").isTrue();
        assertThat(minimal.charset(indexOf(columns, "ch_l1"))).as("latin1 with MINIMAL metadata").isEqualTo(Charset.forName("windows-1252"));
    }

    /** FULL: every column in every image; MINIMAL: the key alone before; NOBLOB: no BLOB or TEXT before. */
    private static void imagesHoldTheColumnsOfTheirRowImage(final AllTypesTable table, final List<DecodedChange> decoded)
    {
        final int columns = table.columns().size();
        int index = 0;
        for (final Round round : ROUNDS)
        {
            final int count = CHANGES_PER_ROUND + (round.bigBlob() ? 2 : 0);
            for (final DecodedChange change : decoded.subList(index, index + count))
            {
                final Map<Integer, Object> before = change.before();
                switch (round.rowImage())
                {
                    case "FULL" ->
                    {
                        if (before != null)
                        {
                            assertThat(before).as("FULL before image").hasSize(columns);
                        }
                        if (change.after() != null)
                        {
                            assertThat(change.after()).as("FULL after image").hasSize(columns);
                        }
                    }
                    case "MINIMAL" ->
                    {
                        if (before != null)
                        {
                            assertThat(before.keySet()).as("MINIMAL before image: the primary key").containsExactly(0);
                        }
                    }
                    default ->
                    {
                        if (before != null)
                        {
                            final int blobColumns = (int)table.columns().stream().filter(Column::blobOrText).count();
                            assertThat(before).as("NOBLOB before image: every column but BLOB and TEXT").hasSize(columns - blobColumns);
                        }
                    }
                }
            }
            index += count;
        }
    }

    private static int indexOf(final List<Column> columns, final String name)
    {
        return IntStream.range(0, columns.size()).filter(i -> columns.get(i).name().equals(name)).findFirst().orElseThrow();
    }
}

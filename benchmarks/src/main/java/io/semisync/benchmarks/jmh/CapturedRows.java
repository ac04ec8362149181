package io.semisync.benchmarks.jmh;

import io.semisync.sources.ClientPrograms;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A binlog file of a real MySQL 9.7 holding {@link #ROWS} inserted rows of a mixed-type table, captured once
 * into {@code benchmarks/target/} (about 100 MB, never committed) and read from there by later runs; with
 * {@code binlog_row_metadata=FULL}, so rows carry column names. The
 * table: BIGINT key, INT, SMALLINT UNSIGNED, TINYINT, VARCHAR utf8mb4, CHAR latin1, DECIMAL(12,2), DOUBLE,
 * DATETIME(3), TIMESTAMP(6), DATE, ENUM and a short TEXT.
 */
final class CapturedRows
{
    static final int ROWS = 1_000_000;
    static final Path FILE = Path.of(System.getProperty("rows.binlog", "benchmarks/target/row-decode/mixed-1m.binlog"));
    private static final int ROWS_PER_INSERT = 10_000;
    private static final String DIGITS = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
        + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

    private CapturedRows()
    {
    }

    /** The captured binlog file's bytes (magic number first), capturing it from a real server if not yet there. */
    static byte[] load()
    {
        try
        {
            if (!Files.exists(FILE))
            {
                capture();
            }
            return Files.readAllBytes(FILE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void capture() throws IOException
    {
        try (SourceServer server = SourceServers.start(Flavor.MYSQL))
        {
            server.execute("SET GLOBAL binlog_row_metadata = FULL", "CREATE DATABASE bench", "CREATE TABLE bench.mixed (id BIGINT NOT NULL PRIMARY KEY, i INT, s SMALLINT UNSIGNED, "
                + "t TINYINT, name VARCHAR(64) CHARACTER SET utf8mb4, code CHAR(8) CHARACTER SET latin1, price DECIMAL(12,2), "
                + "ratio DOUBLE, created DATETIME(3), updated TIMESTAMP(6) NULL, day DATE, status ENUM('new','paid','shipped'), "
                + "note TEXT CHARACTER SET utf8mb4)", "FLUSH BINARY LOGS");
            final String file = server.query("SHOW BINARY LOG STATUS").get(0).get(0);
            for (int first = 1; first <= ROWS; first += ROWS_PER_INSERT)
            {
                final String id = "(" + first + " + a.d + 10 * b.d + 100 * c.d + 1000 * e.d)";
                server.execute("INSERT INTO bench.mixed SELECT " + id + ", " + id + " * 7 - 3500000, " + id + " % 65536, "
                    + id + " % 128 - 64, CONCAT('customer-', " + id + ", '-ü'), CONCAT('é', " + id + " % 1000), " + id + " / 100, "
                    + id + " / 7, TIMESTAMPADD(MICROSECOND, " + id + " * 1001000, '2024-01-01'), FROM_UNIXTIME(1700000000 + "
                    + id + " + 0.000001 * (" + id + " % 1000000)), DATE_ADD('2000-01-01', INTERVAL " + id + " % 9000 DAY), 1 + "
                    + id + " % 3, REPEAT('n', " + id + " % 50) FROM " + DIGITS + " a, " + DIGITS + " b, " + DIGITS + " c, "
                    + DIGITS + " e");
            }
            server.execute("FLUSH BINARY LOGS");
            final String dataDir = server.queryValue("SELECT @@global.datadir");
            final Path source = ClientPrograms.mysqlRoot().resolve(dataDir.substring(1)).resolve(file);
            Files.createDirectories(FILE.getParent());
            Files.copy(source, FILE);
        }
    }
}

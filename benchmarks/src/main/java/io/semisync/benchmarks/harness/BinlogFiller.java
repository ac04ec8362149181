package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceServer;

import java.util.StringJoiner;

/**
 * Fills a source's binlog with 1 KiB rows until it holds a given size: a seed table of {@value #SEED_ROWS} rows is
 * copied again and again by {@code INSERT ... SELECT}, each copy one transaction of about 16 MiB, so the source does
 * the work without a client round trip per row. Row-based logging puts every row into the binlog.
 */
final class BinlogFiller
{
    /** Payload bytes per row; with the 8-byte key a row is 1 KiB. */
    static final int PAYLOAD_BYTES = 1016;
    private static final int SEED_ROWS = 16_384;
    private static final int ROWS_PER_SEED_INSERT = 1024;
    private static final String DATABASE = "semisync_catchup";

    private BinlogFiller()
    {
    }

    /**
     * Writes rows until the source's binlog files add up to at least {@code bytes}; returns what the source holds once
     * its binlog has settled.
     */
    static SourceBinlogs fill(final SourceServer source, final long bytes)
    {
        source.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE,
            "CREATE TABLE IF NOT EXISTS " + DATABASE + ".seed (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARBINARY(" + PAYLOAD_BYTES
                + ") NOT NULL)",
            "CREATE TABLE IF NOT EXISTS " + DATABASE + ".rows LIKE " + DATABASE + ".seed");
        if ("0".equals(source.queryValue("SELECT COUNT(*) FROM " + DATABASE + ".seed")))
        {
            final StringJoiner values = new StringJoiner(", ", "INSERT INTO " + DATABASE + ".seed (payload) VALUES ", "");
            for (int i = 0; i < ROWS_PER_SEED_INSERT; i++)
            {
                values.add("(REPEAT('x', " + PAYLOAD_BYTES + "))");
            }
            for (int i = 0; i < SEED_ROWS / ROWS_PER_SEED_INSERT; i++)
            {
                source.execute(values.toString());
            }
        }
        SourceBinlogs binlogs = SourceBinlogs.of(source);
        while (binlogs.bytes() < bytes)
        {
            source.execute("INSERT INTO " + DATABASE + ".rows (payload) SELECT payload FROM " + DATABASE + ".seed");
            binlogs = SourceBinlogs.of(source);
        }
        return SourceBinlogs.settled(source);
    }
}

package io.semisync.it.cdc;

import io.semisync.it.replica.SourceBinlog;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded write load of inserts, updates and deletes in transactions of one to three statements over two tables,
 * from one connection, that knows every change it made: the list the feed must print, in order, with the GTID each
 * transaction got (one client on a source of its own, so each transaction takes the next sequence number).
 */
final class CdcWorkload implements AutoCloseable
{
    static final String DATABASE = "cdc_it";

    private final SourceServer server;
    private final Connection connection;
    private final Random random;
    private final List<ExpectedChange> expected = new ArrayList<>();
    private final Map<String, TreeMap<Integer, Map<String, Object>>> tables = new LinkedHashMap<>();
    private final String gtidPrefix;
    private long sequence;
    private int nextId = 1;
    private boolean noteColumn;

    CdcWorkload(final SourceServer server, final long seed) throws SQLException
    {
        this.server = server;
        this.random = new Random(seed);
        this.connection = DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port()
            + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000", server.admin().name(), server.admin().password());
        this.sequence = SourceBinlog.lastSequence(server);
        this.gtidPrefix = SourceBinlog.gtid(server, 0).substring(0, SourceBinlog.gtid(server, 0).length() - 1);
        tables.put("items", new TreeMap<>());
        tables.put("notes", new TreeMap<>());
    }

    /** The database and both tables, each statement its own transaction with a DDL line. */
    void createSchema() throws SQLException
    {
        // the source logs CREATE DATABASE with the new database as its schema
        ddl(DATABASE, false, "CREATE DATABASE " + DATABASE);
        ddl(DATABASE, true, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NULL) ENGINE=InnoDB");
        ddl(DATABASE, true, "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT CHARACTER SET utf8mb4 NULL) ENGINE=InnoDB");
    }

    /** Adds a nullable column to {@code items}: later images carry it. */
    void addColumn() throws SQLException
    {
        ddl(DATABASE, true, "ALTER TABLE items ADD COLUMN note VARCHAR(20) NULL");
        noteColumn = true;
        tables.get("items").values().forEach(row -> row.put("note", null));
    }

    private void ddl(final String database, final boolean use, final String statement) throws SQLException
    {
        try (Statement sql = connection.createStatement())
        {
            if (use)
            {
                sql.execute("USE " + database);
            }
            sql.execute(statement);
        }
        expected.add(ExpectedChange.ddl(database, statement, gtidPrefix + ++sequence));
    }

    /**
     * Runs {@code transactions} transactions; {@code compressed} asks the source to compress them (MySQL:
     * {@code binlog_transaction_compression} for the session; MariaDB: {@code log_bin_compress} with the smallest
     * {@code log_bin_compress_min_len}).
     */
    void run(final int transactions, final boolean compressed) throws SQLException
    {
        try (Statement sql = connection.createStatement())
        {
            if (server.flavor() == Flavor.MYSQL)
            {
                sql.execute("SET SESSION binlog_transaction_compression = " + (compressed ? "ON" : "OFF"));
                sql.execute("SET SESSION binlog_rows_query_log_events = ON");
            }
            else
            {
                sql.execute("SET GLOBAL log_bin_compress = " + (compressed ? "ON" : "OFF"));
                sql.execute("SET GLOBAL log_bin_compress_min_len = 10");
            }
        }
        connection.setAutoCommit(false);
        try
        {
            for (int t = 0; t < transactions; t++)
            {
                transaction();
            }
        }
        finally
        {
            connection.setAutoCommit(true);
        }
    }

    private void transaction() throws SQLException
    {
        final String gtid = gtidPrefix + ++sequence;
        final int statements = 1 + random.nextInt(3);
        try (Statement sql = connection.createStatement())
        {
            for (int s = 0; s < statements; s++)
            {
                final String table = random.nextBoolean() ? "items" : "notes";
                final TreeMap<Integer, Map<String, Object>> rows = tables.get(table);
                final int choice = rows.size() < 5 ? 0 : random.nextInt(3);
                if (choice == 0)
                {
                    insert(sql, table, rows, gtid);
                }
                else if (choice == 1)
                {
                    update(sql, table, rows, gtid);
                }
                else
                {
                    final int id = pick(rows);
                    sql.executeUpdate("DELETE FROM " + DATABASE + "." + table + " WHERE id = " + id);
                    expected.add(ExpectedChange.row("d", DATABASE, table, rows.remove(id), null, gtid));
                }
            }
        }
        connection.commit();
    }

    private void insert(final Statement sql, final String table, final TreeMap<Integer, Map<String, Object>> rows, final String gtid)
        throws SQLException
    {
        final int id = nextId++;
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", (long)id);
        if (table.equals("items"))
        {
            final Long qty = random.nextInt(4) == 0 ? null : (long)random.nextInt(1000) - 500;
            row.put("name", "item-" + id);
            row.put("qty", qty);
            if (noteColumn)
            {
                row.put("note", null);
            }
            sql.executeUpdate("INSERT INTO " + DATABASE + ".items (id, name, qty) VALUES (" + id + ", 'item-" + id + "', " + qty + ")");
        }
        else
        {
            final String body = "naïve ☃ " + "€".repeat(random.nextInt(20)) + id;
            row.put("body", body);
            sql.executeUpdate("INSERT INTO " + DATABASE + ".notes (id, body) VALUES (" + id + ", '" + body + "')");
        }
        rows.put(id, row);
        expected.add(ExpectedChange.row("c", DATABASE, table, null, row, gtid));
    }

    private void update(final Statement sql, final String table, final TreeMap<Integer, Map<String, Object>> rows, final String gtid)
        throws SQLException
    {
        final int id = pick(rows);
        final Map<String, Object> before = new LinkedHashMap<>(rows.get(id));
        final Map<String, Object> after = rows.get(id);
        if (table.equals("items"))
        {
            final long qty = before.get("qty") == null ? random.nextInt(100_000) : (Long)before.get("qty") + 1 + random.nextInt(100);
            after.put("qty", qty);
            sql.executeUpdate("UPDATE " + DATABASE + ".items SET qty = " + qty + " WHERE id = " + id);
        }
        else
        {
            final Object body = before.get("body") != null && random.nextInt(5) == 0 ? null : "edited ✓ " + nextId++;
            after.put("body", body);
            sql.executeUpdate("UPDATE " + DATABASE + ".notes SET body = " + (body == null ? "NULL" : "'" + body + "'") + " WHERE id = " + id);
        }
        if (before.equals(after))
        {
            throw new IllegalStateException("an update that changes nothing writes no row event; the workload must change something");
        }
        expected.add(ExpectedChange.row("u", DATABASE, table, before, new LinkedHashMap<>(after), gtid));
    }

    private int pick(final TreeMap<Integer, Map<String, Object>> rows)
    {
        final List<Integer> ids = new ArrayList<>(rows.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    /** Every change so far, in commit order. */
    List<ExpectedChange> expected()
    {
        return List.copyOf(expected);
    }

    /** The GTID of the latest transaction. */
    String lastGtid()
    {
        return gtidPrefix + sequence;
    }

    long lastSequence()
    {
        return sequence;
    }

    @Override
    public void close() throws SQLException
    {
        connection.close();
    }
}

package io.semisync.it.replica;

import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceUser;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Write load on a source: a number of transactions, each inserting rows of about 200 bytes into
 * {@value #TABLE}, spread over client threads (JDBC, one connection per thread, as the administrator).
 * A strict load fails on the first error; a tolerant one (for a source that restarts under it) reconnects and
 * goes on, since what the source committed is read from its binlog afterwards, not from the client's view.
 * A load may also record the GTID of every transaction whose commit returned OK ({@link CommittedGtids}).
 */
public final class SourceLoad implements AutoCloseable
{
    public static final String TABLE = "semisync_it.load_rows";

    private static final String INSERT = "INSERT INTO " + TABLE + " (client, payload) VALUES (?, ?)";
    private static final int PAYLOAD_LENGTH = 200;
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);

    private final SourceServer server;
    private final long transactions;
    private final int rowsPerTransaction;
    private final boolean tolerant;
    private final CommittedGtids committedGtids;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopping;

    private SourceLoad(
        final SourceServer server, final long transactions, final int rowsPerTransaction, final boolean tolerant,
        final CommittedGtids committedGtids)
    {
        this.server = server;
        this.transactions = transactions;
        this.rowsPerTransaction = rowsPerTransaction;
        this.tolerant = tolerant;
        this.committedGtids = committedGtids;
    }

    /** Creates the schema and table the load writes to (run it before the replica starts, so it is not part of the checks). */
    public static void createTable(final SourceServer server)
    {
        server.execute("CREATE DATABASE IF NOT EXISTS semisync_it",
            "CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, client INT NOT NULL, "
                + "payload VARCHAR(255) NOT NULL) ENGINE=InnoDB");
    }

    /**
     * Starts {@code threads} clients that together run {@code transactions} transactions.
     *
     * @param rowsPerTransaction rows each transaction inserts (1: autocommit INSERTs)
     * @param tolerant           reconnect after errors instead of failing
     */
    public static SourceLoad start(
        final SourceServer server, final int threads, final long transactions, final int rowsPerTransaction, final boolean tolerant)
    {
        return start(server, threads, transactions, rowsPerTransaction, tolerant, null);
    }

    /**
     * Starts a strict load of autocommit INSERTs whose clients record in {@code committedGtids} the GTID of each
     * transaction whose commit returned OK.
     */
    public static SourceLoad recording(final SourceServer server, final int threads, final long transactions, final CommittedGtids committedGtids)
    {
        return start(server, threads, transactions, 1, false, committedGtids);
    }

    private static SourceLoad start(
        final SourceServer server, final int threads, final long transactions, final int rowsPerTransaction, final boolean tolerant,
        final CommittedGtids committedGtids)
    {
        final SourceLoad load = new SourceLoad(server, transactions, rowsPerTransaction, tolerant, committedGtids);
        for (int client = 0; client < threads; client++)
        {
            final int id = client;
            final Thread thread = new Thread(() -> load.run(id), "source-load-" + client);
            thread.setDaemon(true);
            load.clients.add(thread);
        }
        load.clients.forEach(Thread::start);
        return load;
    }

    /** A JDBC URL without TLS (less CPU for the clients) for the source's port. */
    static String jdbcUrl(final SourceServer server)
    {
        return "jdbc:mysql://" + server.host() + ":" + server.port()
            + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000&socketTimeout=120000";
    }

    private void run(final int client)
    {
        final SourceUser admin = server.admin();
        final String payload = "x".repeat(PAYLOAD_LENGTH);
        Connection connection = null;
        try
        {
            while (!stopping && claimed.getAndIncrement() < transactions)
            {
                try
                {
                    if (connection == null)
                    {
                        connection = DriverManager.getConnection(
                            jdbcUrl(server) + (committedGtids == null ? "" : "&" + CommittedGtids.JDBC_PROPERTY), admin.name(), admin.password());
                        connection.setAutoCommit(rowsPerTransaction == 1);
                        if (committedGtids != null)
                        {
                            committedGtids.prepare(connection);
                        }
                    }
                    insert(connection, client, payload);
                    if (committedGtids != null)
                    {
                        committedGtids.recordLastCommit(connection);
                    }
                    committed.incrementAndGet();
                }
                catch (final SQLException ex)
                {
                    if (!tolerant)
                    {
                        throw ex;
                    }
                    errors.incrementAndGet();
                    closeQuietly(connection);
                    connection = null;
                    Waits.pause(RECONNECT_PAUSE);
                }
            }
        }
        catch (final SQLException | RuntimeException ex)
        {
            failure.compareAndSet(null, ex);
        }
        finally
        {
            closeQuietly(connection);
        }
    }

    private void insert(final Connection connection, final int client, final String payload) throws SQLException
    {
        try (PreparedStatement insert = connection.prepareStatement(INSERT))
        {
            for (int row = 0; row < rowsPerTransaction; row++)
            {
                insert.setInt(1, client);
                insert.setString(2, payload);
                insert.executeUpdate();
            }
        }
        if (rowsPerTransaction > 1)
        {
            connection.commit();
        }
    }

    private static void closeQuietly(final Connection connection)
    {
        if (connection != null)
        {
            try
            {
                connection.close();
            }
            catch (final SQLException ex)
            {
                // the connection is already broken; nothing is left to release
            }
        }
    }

    /** Transactions whose commit returned so far. */
    public long committed()
    {
        return committed.get();
    }

    /** Whether every client has stopped. */
    public boolean isDone()
    {
        return clients.stream().noneMatch(Thread::isAlive);
    }

    /** Errors a tolerant load got over. */
    public long errors()
    {
        return errors.get();
    }

    /**
     * Waits until every client is done.
     *
     * @return transactions committed
     * @throws AssertionError when a strict load failed or the time is up
     */
    public long await(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (final Thread client : clients)
        {
            try
            {
                client.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the load", ex);
            }
            if (client.isAlive())
            {
                stopping = true;
                throw new AssertionError("the load did not finish within " + timeout.toSeconds() + " s: " + committed() + " of "
                    + transactions + " transactions committed");
            }
        }
        if (failure.get() != null)
        {
            throw new AssertionError("the load failed after " + committed() + " transactions: " + failure.get(), failure.get());
        }
        return committed();
    }

    /** Lets every client finish its current transaction and stop. */
    public void stop()
    {
        stopping = true;
    }

    @Override
    public void close()
    {
        stop();
        for (final Thread client : clients)
        {
            try
            {
                client.join(Duration.ofSeconds(30).toMillis());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

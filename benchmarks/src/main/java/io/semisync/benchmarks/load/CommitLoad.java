package io.semisync.benchmarks.load;

import io.semisync.sources.SourceEndpoint;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Autocommit INSERTs of a fixed-size row from several client threads for a fixed time: what a source's
 * users feel of semisync. Each commit's latency goes into a histogram. The table is created if missing.
 */
public final class CommitLoad
{
    /** Bytes of payload per row: the 200-byte INSERTs the README's figures use. */
    public static final int ROW_BYTES = 200;
    /** The schema of the provisioned sources' load table. */
    public static final String DEFAULT_SCHEMA = "semisync_load";
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final SourceEndpoint source;
    private final String table;

    /** The load into {@code semisync_load.rows}, creating the schema if missing. */
    public CommitLoad(final SourceEndpoint source)
    {
        this(source, defaultSchema(source));
    }

    /** The load into {@code schema.rows} of a schema that exists; the table is created if missing. */
    public CommitLoad(final SourceEndpoint source, final String schema)
    {
        this.source = source;
        this.table = schema + ".rows";
        source.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(255) NOT NULL)");
    }

    private static String defaultSchema(final SourceEndpoint source)
    {
        source.execute("CREATE DATABASE IF NOT EXISTS " + DEFAULT_SCHEMA);
        return DEFAULT_SCHEMA;
    }

    /** Runs {@code clients} threads for {@code duration}, or until each did {@code maxPerClient} commits. */
    public LoadResult run(final int clients, final Duration duration, final long maxPerClient)
    {
        final ExecutorService threads = Executors.newFixedThreadPool(clients);
        try
        {
            final long deadline = System.nanoTime() + duration.toNanos();
            final long start = System.nanoTime();
            final List<Future<Histogram>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++)
            {
                results.add(threads.submit(() -> client(deadline, maxPerClient)));
            }
            final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
            for (final Future<Histogram> result : results)
            {
                latency.add(result.get());
            }
            return new LoadResult(clients, latency, System.nanoTime() - start);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the load", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("a load client failed: " + ex.getCause().getMessage(), ex.getCause());
        }
        finally
        {
            threads.shutdownNow();
        }
    }

    private Histogram client(final long deadline, final long maxCommits) throws SQLException
    {
        final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        final String payload = "x".repeat(ROW_BYTES);
        try (Connection connection = DriverManager.getConnection(source.jdbcUrl(), source.admin().name(), source.admin().password());
            PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (payload) VALUES (?)"))
        {
            connection.setAutoCommit(true);
            insert.setString(1, payload);
            long commits = 0;
            while (commits < maxCommits && System.nanoTime() < deadline)
            {
                final long start = System.nanoTime();
                insert.executeUpdate();
                latency.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - start));
                commits++;
            }
        }
        return latency;
    }

    /**
     * Commits single rows until the source reports semisync ON. A source without semisync replicas switches
     * semisync off; once one connects, the source turns it back on only after an ACK has caught up.
     */
    public void awaitSemisyncOn()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!SemisyncCounters.of(source).on())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the source did not switch semisync on within 30 s: " + SemisyncCounters.of(source).describe(source));
            }
            run(1, Duration.ofMillis(50), 1);
        }
    }

    /** Empties the table so runs stay comparable. */
    public void truncate()
    {
        try (Connection connection = DriverManager.getConnection(source.jdbcUrl(), source.admin().name(), source.admin().password());
            Statement statement = connection.createStatement())
        {
            statement.execute("TRUNCATE TABLE " + table);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot truncate " + table + ": " + ex.getMessage(), ex);
        }
    }
}

package io.semisync.it.admin;

import io.semisync.it.replica.SourceLoad;
import io.semisync.sources.SourceServer;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;

/** One client committing autocommit INSERTs one after another into {@link SourceLoad#TABLE}, timing each. */
final class SingleCommitter
{
    private SingleCommitter()
    {
    }

    /** Commits {@code commits} rows and returns the median commit time in milliseconds, as the client saw it. */
    static double medianCommitMillis(final SourceServer server, final int commits)
    {
        return medianCommitMillis(server, commits, 0);
    }

    /**
     * As {@link #medianCommitMillis(SourceServer, int)}, the client pausing {@code pauseNanos} after each commit: the
     * machine then idles as long in each commit's cycle as it does while an ACK is delayed.
     */
    static double medianCommitMillis(final SourceServer server, final int commits, final long pauseNanos)
    {
        final Histogram nanos = new Histogram(3);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.admin().name(), server.admin().password());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (0, ?)"))
        {
            insert.setString(1, "x".repeat(200));
            for (int i = 0; i < commits; i++)
            {
                final long start = System.nanoTime();
                insert.executeUpdate();
                nanos.recordValue(System.nanoTime() - start);
                if (pauseNanos > 0)
                {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("committing on " + server + ": " + ex.getMessage(), ex);
        }
        return nanos.getValueAtPercentile(50) / 1e6;
    }
}

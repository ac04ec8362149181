package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServerException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's binlog dump threads, one per connected replica or binlog client, as {@code SHOW PROCESSLIST} lists them
 * (Command {@code Binlog Dump} or {@code Binlog Dump GTID}).
 */
final class DumpThreads
{
    private static final String SHOW_PROCESSLIST = "SHOW PROCESSLIST";
    private static final int ID = 0;
    private static final int HOST = 2;
    private static final int COMMAND = 4;
    private static final int STATE = 6;

    /**
     * One dump thread.
     *
     * @param host   the replica's address as the source saw it, {@code 127.0.0.1:54321}
     * @param state  e.g. {@code Source has sent all binlog to replica; waiting for more updates}
     */
    record DumpThread(long id, String host, String state)
    {
        /** The replica's end of the connection: the port after the last colon of {@link #host}. */
        int replicaPort()
        {
            return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
        }

        /** Whether it has sent everything in the binlog and waits for more: MySQL's and MariaDB's words alike. */
        boolean hasSentAll()
        {
            return state != null && state.contains("has sent all binlog to");
        }
    }

    private DumpThreads()
    {
    }

    static List<DumpThread> of(final SourceServer source)
    {
        return source.query(SHOW_PROCESSLIST).stream()
            .filter(row -> isDump(row.get(COMMAND)))
            .map(row -> new DumpThread(Long.parseLong(row.get(ID)), row.get(HOST), row.get(STATE)))
            .toList();
    }

    /**
     * As {@link #of(SourceServer)}, on a connection the caller keeps open: a poll every few milliseconds that opened a
     * connection each time would take a good part of a core from what is being timed.
     */
    static List<DumpThread> of(final Connection connection)
    {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SHOW_PROCESSLIST))
        {
            final List<DumpThread> threads = new ArrayList<>();
            while (rows.next())
            {
                if (isDump(rows.getString(COMMAND + 1)))
                {
                    threads.add(new DumpThread(rows.getLong(ID + 1), rows.getString(HOST + 1), rows.getString(STATE + 1)));
                }
            }
            return threads;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot list the source's dump threads: " + ex.getMessage(), ex);
        }
    }

    private static boolean isDump(final String command)
    {
        return command != null && command.startsWith("Binlog Dump");
    }

    /**
     * Ends every dump thread. A source notices that a replica has gone only when it next writes to it; until then it
     * keeps its dump thread and, for a semisync replica, counts it as a semisync client.
     */
    static void killAll(final SourceServer source)
    {
        for (final DumpThread thread : of(source))
        {
            try
            {
                source.execute("KILL " + thread.id());
            }
            catch (final SourceServerException ex)
            {
                if (!ex.getMessage().contains("Unknown thread id"))
                {
                    throw ex;
                }
            }
        }
    }
}

package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * The flavor's own semisync replica: a second server of the same flavor and version (server_id 2, the same
 * {@code sync_binlog=1} and {@code innodb_flush_log_at_trx_commit=1} as the source), made a replica at runtime.
 * Each {@link #start} begins at the source's current position with a given {@code sync_relay_log}, with or
 * without the applier.
 */
final class NativeReplica implements ReplicaUnderTest, AutoCloseable
{
    private static final int APPLY_TIMEOUT_SECONDS = 60;

    private final SourceServer server;
    private final SourceServer source;
    private final NativeReplicaSql sql;
    private boolean applier;

    private NativeReplica(final SourceServer server, final SourceServer source)
    {
        this.server = server;
        this.source = source;
        this.sql = NativeReplicaSql.of(source.flavor());
    }

    /**
     * Starts the second server, enables semisync on its replica side, points it at the source and lets replication
     * copy what the source has so far (the load table), so that its applier finds the table later.
     */
    static NativeReplica start(final SourceServer source)
    {
        final SourceServer server = SourceServers.start(source.flavor(), SourceOptions.defaults().withServerId(2));
        final NativeReplica replica = new NativeReplica(server, source);
        try
        {
            server.execute(replica.sql.enableSemisync(server).toArray(String[]::new));
            server.execute(replica.sql.changeSource(source), replica.sql.start(true));
            final String position = replica.sourcePosition();
            if (!"0".equals(server.queryValue(replica.sql.awaitApplied(position, APPLY_TIMEOUT_SECONDS))))
            {
                throw new IllegalStateException("the native replica did not apply " + position + " within " + APPLY_TIMEOUT_SECONDS
                    + " s: " + replica.describe());
            }
            server.execute(replica.sql.stop());
            return replica;
        }
        catch (final RuntimeException ex)
        {
            server.close();
            throw ex;
        }
    }

    /** The server's {@code sync_relay_log} when set to its default, e.g. 10000. */
    String defaultSyncRelayLog()
    {
        server.execute("SET GLOBAL sync_relay_log = DEFAULT");
        return server.queryValue("SELECT @@GLOBAL.sync_relay_log");
    }

    /** Starts replication from the source's current position; {@code syncRelayLog} is {@code 1} or {@code DEFAULT}. */
    void start(final String syncRelayLog, final boolean applier)
    {
        sql.skipTo(server, sourcePosition());
        server.execute("SET GLOBAL sync_relay_log = " + syncRelayLog, sql.start(applier));
        this.applier = applier;
    }

    void stop()
    {
        server.execute(sql.stop());
    }

    /** Throws if the I/O thread, or the applier where it should run, has stopped (e.g. on an error). */
    @Override
    public void check()
    {
        final Map<String, String> status = status();
        final String receiver = column(status, "_IO_Running");
        final boolean receiving = "Yes".equals(receiver) || "Connecting".equals(receiver);
        final boolean applying = !applier || "Yes".equals(column(status, "_SQL_Running"));
        if (!receiving || !applying)
        {
            throw new IllegalStateException("the native replica stopped replicating: " + describe());
        }
    }

    /** The replica's status row as {@code column=value} pairs, empty values left out. */
    @Override
    public OptionalLong processId()
    {
        return server.processId();
    }

    @Override
    public String describe()
    {
        final StringJoiner columns = new StringJoiner(", ", "native replica status: ", "");
        status().forEach((name, value) -> columns.add(name + "=" + value));
        return columns.toString();
    }

    private Map<String, String> status()
    {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.admin().name(), server.admin().password());
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql.status()))
        {
            final Map<String, String> status = new LinkedHashMap<>();
            if (row.next())
            {
                final ResultSetMetaData meta = row.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++)
                {
                    final String value = row.getString(i);
                    if (value != null && !value.isEmpty())
                    {
                        status.put(meta.getColumnLabel(i), value);
                    }
                }
            }
            return status;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot read the native replica's status: " + ex.getMessage(), ex);
        }
    }

    /** The value of the column whose name ends with {@code suffix}: {@code Replica_} on MySQL, {@code Slave_} on MariaDB. */
    private static String column(final Map<String, String> status, final String suffix)
    {
        return status.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue).findFirst().orElse("");
    }

    String version()
    {
        return server.version();
    }

    private String sourcePosition()
    {
        return source.queryValue(sql.sourcePosition()).replaceAll("\\s", "");
    }

    /** Stops replication (if it runs) and the second server, and removes its data. */
    @Override
    public void close()
    {
        server.close();
    }
}

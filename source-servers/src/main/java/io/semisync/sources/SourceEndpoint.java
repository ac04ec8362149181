package io.semisync.sources;

import java.util.List;

/**
 * What a load and a replica need of a running source, whoever runs it: its flavor and address, a login that may write
 * and administer, a login to replicate with, and administrative SQL. {@link SourceServer} adds what tests do with the
 * servers this module runs; {@link RemoteSource} is a source the user runs.
 */
public interface SourceEndpoint
{
    Flavor flavor();

    /** What {@code SELECT VERSION()} returned, e.g. {@code 9.7.4-2}. */
    String version();

    String host();

    int port();

    /** A user with every privilege the caller needs: writes, {@code SET GLOBAL}, status. */
    SourceUser admin();

    /** A replication user with the flavor's default authentication plugin. */
    SourceUser replicationUser();

    /** A JDBC URL for this server (the caller supplies user and password). */
    default String jdbcUrl()
    {
        return "jdbc:mysql://" + host() + ":" + port() + "/?sslMode=PREFERRED&allowPublicKeyRetrieval=true&connectTimeout=5000";
    }

    /** Runs statements as the administrator. */
    void execute(String... sql);

    /** Runs a query as the administrator and returns its rows, NULL as {@code null}. */
    List<List<String>> query(String sql);

    /** The single value of a query that returns one row and one column. */
    default String queryValue(final String sql)
    {
        final List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1)
        {
            throw new IllegalStateException("expected one value from [" + sql + "] but got " + rows);
        }
        return rows.get(0).get(0);
    }

    /** The value of a global status variable, e.g. {@code Rpl_semi_sync_source_yes_tx}. */
    default long globalStatus(final String name)
    {
        final List<List<String>> rows = query("SHOW GLOBAL STATUS LIKE '" + name + "'");
        if (rows.isEmpty())
        {
            throw new IllegalStateException("no status variable " + name + " on " + this);
        }
        final String value = rows.get(0).get(1);
        return "ON".equalsIgnoreCase(value) ? 1 : "OFF".equalsIgnoreCase(value) ? 0 : Long.parseLong(value);
    }
}

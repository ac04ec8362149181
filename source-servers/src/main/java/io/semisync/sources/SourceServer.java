package io.semisync.sources;

import java.util.List;
import java.util.Optional;

/**
 * A real MySQL or MariaDB server acting as a replication source: binary log on, ROW format, GTIDs on,
 * the semisync source side enabled, and test users created. Statements run as an administrator.
 */
public interface SourceServer extends AutoCloseable
{
    Flavor flavor();

    /** What {@code SELECT VERSION()} returned when the server last started, e.g. {@code 9.7.4-2}. */
    String version();

    String host();

    int port();

    /** The server_id the source writes into its binary log. */
    long serverId();

    /** A user with every privilege. */
    SourceUser admin();

    /** A replication user with the flavor's default authentication plugin. */
    SourceUser replicationUser();

    /** A replication user that the server only admits over TLS ({@code REQUIRE SSL}). */
    SourceUser sslUser();

    /** A {@code mysql_native_password} replication user, where the server still offers that plugin. */
    Optional<SourceUser> nativePasswordUser();

    /** An {@code ed25519} replication user (MariaDB's plugin, {@code client_ed25519} on the client side). */
    Optional<SourceUser> ed25519User();

    /** The CA and client certificate the server trusts. */
    TlsFiles tls();

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

    /** Stops the server cleanly; {@link #restart()} brings it back with its data. */
    void stop();

    /** Kills the server with SIGKILL, as a crash would. */
    void kill();

    /** Starts the server again (after {@link #stop()}, {@link #kill()} or while running) on the same port. */
    void restart();

    /** Stops the server and removes what it stored. */
    @Override
    void close();
}

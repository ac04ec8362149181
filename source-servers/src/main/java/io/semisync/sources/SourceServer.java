package io.semisync.sources;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A real MySQL or MariaDB server acting as a replication source: binary log on, ROW format, GTIDs on,
 * the semisync source side enabled, and test users created. Statements run as an administrator.
 */
public interface SourceServer extends SourceEndpoint, AutoCloseable
{
    /** The server_id the source writes into its binary log. */
    long serverId();

    /** A replication user that the server only admits over TLS ({@code REQUIRE SSL}). */
    SourceUser sslUser();

    /** A {@code mysql_native_password} replication user, where the server still offers that plugin. */
    Optional<SourceUser> nativePasswordUser();

    /** An {@code ed25519} replication user (MariaDB's plugin, {@code client_ed25519} on the client side). */
    Optional<SourceUser> ed25519User();

    /** The CA and client certificate the server trusts. */
    TlsFiles tls();

    /** The server's process id on this machine, to see what it costs; empty for a server this machine does not run. */
    OptionalLong processId();

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

package io.semisync.replica.serve;

import io.semisync.protocol.server.MySqlServer;
import io.semisync.protocol.server.ServerSettings;
import io.semisync.protocol.server.ServerStartException;
import io.semisync.protocol.server.ServerUser;
import io.semisync.protocol.server.UserDirectory;
import io.semisync.replica.Replica;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import org.agrona.concurrent.SystemNanoClock;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The replication endpoint: a MySQL-protocol server on {@code --serve-bind-address}:{@code --serve-port} (off by
 * default) where downstream MySQL and MariaDB replicas and binlog clients log in as the replication users
 * ({@code --serve-users-file}) or the admin users and replicate from the relay log.
 */
public final class ServeListener implements AutoCloseable
{
    private final MySqlServer server;
    private final ScheduledExecutorService thread;

    private ServeListener(final MySqlServer server, final ScheduledExecutorService thread)
    {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Starts listening when {@code --serve-port} is set.
     *
     * @return empty when no serve port is configured
     * @throws ConfigException when the address cannot be bound or no user is configured to log in
     */
    public static Optional<ServeListener> start(final Replica replica)
    {
        final ReplicaConfig config = replica.config();
        final Integer port = config.get(Settings.SERVE_PORT);
        if (port == null)
        {
            return Optional.empty();
        }
        final List<ServerUser> users = new ArrayList<>(config.replicationUsers());
        users.addAll(config.adminUsers());
        if (users.isEmpty())
        {
            throw new ConfigException(Settings.SERVE_PORT.flag() + " needs a user for replicas to log in as: list replication users in "
                + Settings.SERVE_USERS_FILE.flag() + " (or configure an admin user, who may replicate too, with "
                + Settings.ADMIN_USER.flag() + " or " + Settings.ADMIN_USERS_FILE.flag() + ")");
        }
        final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread daemon = new Thread(runnable, "semisync-replica-serve");
            daemon.setDaemon(true);
            return daemon;
        });
        final ServerSettings settings = new ServerSettings()
            .bindAddress(config.get(Settings.SERVE_BIND_ADDRESS))
            .port(port)
            .serverVersion(() -> replica.sourceFormatDescription().map(event -> SourceVersion.of(event).greeting()).orElse(null))
            .users(UserDirectory.of(users.toArray(ServerUser[]::new)));
        try
        {
            return Optional.of(new ServeListener(MySqlServer.start(settings, new ServeStatements(replica, thread, new SystemNanoClock())), thread));
        }
        catch (final ServerStartException | IllegalArgumentException ex)
        {
            thread.shutdownNow();
            throw new ConfigException("the replication endpoint cannot start: " + ex.getMessage() + " (set "
                + Settings.SERVE_PORT.flag() + " or " + Settings.SERVE_BIND_ADDRESS.flag() + ")");
        }
    }

    /** Where the endpoint listens, with the actual port when any free port was asked for. */
    public InetSocketAddress localAddress()
    {
        return server.localAddress();
    }

    /** Stops listening and ends every dump. */
    @Override
    public void close()
    {
        server.close();
        thread.shutdownNow();
    }
}

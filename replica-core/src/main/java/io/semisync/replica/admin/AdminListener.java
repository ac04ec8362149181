package io.semisync.replica.admin;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.semisync.protocol.server.MySqlServer;
import io.semisync.protocol.server.ServerSettings;
import io.semisync.protocol.server.ServerStartException;
import io.semisync.protocol.server.UserDirectory;
import io.semisync.protocol.server.ServerUser;
import io.semisync.replica.Replica;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The admin endpoint: a MySQL-protocol server on {@code --admin-bind-address}:{@code --admin-port} (127.0.0.1:3307 by
 * default) where the configured admin users log in with the mysql client and run {@link AdminStatements}. It listens
 * only when an admin user is configured, and offers TLS with {@code --admin-tls-cert} and {@code --admin-tls-key}.
 */
public final class AdminListener implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminListener.class);

    private final MySqlServer server;
    private final AdminStatements statements;

    private AdminListener(final MySqlServer server, final AdminStatements statements)
    {
        this.server = server;
        this.statements = statements;
    }

    /**
     * Starts listening for {@code replica}'s configured admin users.
     *
     * @return empty when no admin user is configured
     * @throws ConfigException when the address cannot be bound or the TLS files are unusable
     */
    public static Optional<AdminListener> start(final Replica replica, final Clock clock)
    {
        final ReplicaConfig config = replica.config();
        if (config.adminUsers().isEmpty())
        {
            return Optional.empty();
        }
        final SslContext tls = tls(config);
        final InetSocketAddress[] bound = new InetSocketAddress[1];
        final AdminStatements statements = new AdminStatements(replica, () -> bound[0].getPort(), tls != null, clock);
        final ServerSettings settings = new ServerSettings()
            .bindAddress(config.get(Settings.ADMIN_BIND_ADDRESS))
            .port(config.get(Settings.ADMIN_PORT))
            .users(UserDirectory.of(config.adminUsers().toArray(ServerUser[]::new)))
            .tls(tls);
        try
        {
            final MySqlServer server = MySqlServer.start(settings, statements);
            bound[0] = server.localAddress();
            LOG.info("admin endpoint listening on {}:{} for {} admin user(s){}", bound[0].getHostString(), bound[0].getPort(),
                config.adminUsers().size(), tls == null ? "" : ", TLS offered");
            return Optional.of(new AdminListener(server, statements));
        }
        catch (final ServerStartException | IllegalArgumentException ex)
        {
            statements.close();
            throw new ConfigException("the admin endpoint cannot start: " + ex.getMessage() + " (set " + Settings.ADMIN_PORT.flag()
                + " or " + Settings.ADMIN_BIND_ADDRESS.flag() + ")");
        }
    }

    private static SslContext tls(final ReplicaConfig config)
    {
        final Path certificate = config.get(Settings.ADMIN_TLS_CERT);
        final Path key = config.get(Settings.ADMIN_TLS_KEY);
        if (certificate == null || key == null)
        {
            return null;
        }
        try
        {
            return SslContextBuilder.forServer(certificate.toFile(), key.toFile()).build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new ConfigException("cannot use " + Settings.ADMIN_TLS_CERT.flag() + " " + certificate + " with "
                + Settings.ADMIN_TLS_KEY.flag() + " " + key + ": " + ex.getMessage());
        }
    }

    /** Where the endpoint listens, with the actual port when any free port was asked for. */
    public InetSocketAddress localAddress()
    {
        return server.localAddress();
    }

    /** Stops listening and closes every admin connection. */
    @Override
    public void close()
    {
        server.close();
        statements.close();
    }
}

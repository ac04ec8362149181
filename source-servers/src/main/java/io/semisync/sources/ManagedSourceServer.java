package io.semisync.sources;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What every source this module runs has in common: its address, users, TLS files and an admin session. */
abstract class ManagedSourceServer implements SourceServer
{
    private final Flavor flavor;
    private final SourceOptions options;
    private final TlsFiles tls;
    private final String host;
    private final int port;
    private final AdminSession adminSession;
    private String version = "";

    ManagedSourceServer(final Flavor flavor, final SourceOptions options, final TlsFiles tls, final String host, final int port)
    {
        this.flavor = flavor;
        this.options = options;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.adminSession = new AdminSession(jdbcUrl(), TestUsers.admin(flavor));
    }

    static int freeLoopbackPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new SourceServerException("no free loopback port: " + ex.getMessage(), ex);
        }
    }

    final SourceOptions options()
    {
        return options;
    }

    /** Asks the server for its version; throws {@link SourceServerException} while it does not answer. */
    final void readVersion()
    {
        version = adminSession.query("SELECT VERSION()").get(0).get(0);
    }

    /** None by default: a container's or an external server's process is not this machine's to measure. */
    @Override
    public OptionalLong processId()
    {
        return OptionalLong.empty();
    }

    @Override
    public final Flavor flavor()
    {
        return flavor;
    }

    @Override
    public final String version()
    {
        return version;
    }

    @Override
    public final String host()
    {
        return host;
    }

    @Override
    public final int port()
    {
        return port;
    }

    @Override
    public final long serverId()
    {
        return options.serverId();
    }

    @Override
    public final SourceUser admin()
    {
        return TestUsers.admin(flavor);
    }

    @Override
    public final SourceUser replicationUser()
    {
        return TestUsers.replication(flavor);
    }

    @Override
    public final SourceUser sslUser()
    {
        return TestUsers.ssl(flavor);
    }

    @Override
    public final Optional<SourceUser> nativePasswordUser()
    {
        return TestUsers.nativePassword(flavor);
    }

    @Override
    public final Optional<SourceUser> ed25519User()
    {
        return TestUsers.ed25519(flavor);
    }

    @Override
    public final TlsFiles tls()
    {
        return tls;
    }

    @Override
    public final void execute(final String... sql)
    {
        adminSession.execute(sql);
    }

    @Override
    public final List<List<String>> query(final String sql)
    {
        return adminSession.query(sql);
    }

    @Override
    public String toString()
    {
        return flavor + " source " + (version.isEmpty() ? "" : version + " ") + "at " + host + ":" + port;
    }
}

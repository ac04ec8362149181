package io.semisync.sources;

/**
 * A server the user runs: tests get its address and an administrator login from the environment, and
 * the test users are created on it. It cannot be stopped, killed or restarted from a test.
 */
final class ExternalSourceServer extends ManagedSourceServer
{
    private ExternalSourceServer(final Flavor flavor, final TlsFiles tls, final String host, final int port, final long serverId)
    {
        super(flavor, SourceOptions.defaults().withServerId(serverId), tls, host, port);
    }

    /**
     * Connects to {@code host:port} as the administrator named by {@code SEMISYNC_ADMIN_USER} and
     * {@code SEMISYNC_ADMIN_PASSWORD} (the user {@code admin} with password {@code admin-secret} by default)
     * and creates the test users.
     */
    static ExternalSourceServer connect(final Flavor flavor, final String hostAndPort, final TlsFiles tls)
    {
        final int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new SourceServerException("expected host:port for the external " + flavor + " source but got '" + hostAndPort + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new SourceServerException("the external " + flavor + " source's port is not a number in '" + hostAndPort + "'", ex);
        }
        final SourceUser admin = TestUsers.admin(flavor);
        final AdminSession session = new AdminSession(
            "jdbc:mysql://" + hostAndPort + "/?sslMode=PREFERRED&allowPublicKeyRetrieval=true&connectTimeout=5000",
            new SourceUser(envOr("SEMISYNC_ADMIN_USER", admin.name()), envOr("SEMISYNC_ADMIN_PASSWORD", admin.password()), admin.authPlugin()));
        session.execute(TestUsers.setupStatements(flavor).toArray(String[]::new));
        final long serverId = Long.parseLong(session.query("SELECT @@global.server_id").get(0).get(0));
        final ExternalSourceServer server = new ExternalSourceServer(flavor, tls, hostAndPort.substring(0, colon), port, serverId);
        server.readVersion();
        return server;
    }

    private static String envOr(final String name, final String fallback)
    {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop()
    {
        throw unsupported("stopped");
    }

    @Override
    public void kill()
    {
        throw unsupported("killed");
    }

    @Override
    public void restart()
    {
        throw unsupported("restarted");
    }

    @Override
    public void close()
    {
        // the user's server keeps running
    }

    private UnsupportedOperationException unsupported(final String what)
    {
        return new UnsupportedOperationException(this + " is the user's own server and cannot be " + what + " by a test");
    }
}

package io.semisync.sources;

import java.util.List;
import java.util.Locale;

/**
 * A source the user runs, reached at {@code host:port} with the user's own login, which serves as both the
 * administrator and the replication user. Unlike the servers of {@link SourceServers}, nothing is created on it:
 * no users, no settings; its flavor is read from its version.
 */
public final class RemoteSource implements SourceEndpoint
{
    private final Flavor flavor;
    private final String version;
    private final String host;
    private final int port;
    private final SourceUser user;
    private final AdminSession session;

    private RemoteSource(final Flavor flavor, final String version, final String host, final int port, final SourceUser user,
        final AdminSession session)
    {
        this.flavor = flavor;
        this.version = version;
        this.host = host;
        this.port = port;
        this.user = user;
        this.session = session;
    }

    /**
     * Logs in to the source and reads its version.
     *
     * @throws SourceServerException if it cannot be reached or refuses the login, with the server's words
     */
    public static RemoteSource connect(final String host, final int port, final String userName, final String password)
    {
        final String url = "jdbc:mysql://" + host + ":" + port + "/?sslMode=PREFERRED&allowPublicKeyRetrieval=true&connectTimeout=5000";
        final SourceUser user = new SourceUser(userName, password, "");
        final AdminSession session = new AdminSession(url, user);
        final String version = session.query("SELECT VERSION()").get(0).get(0);
        final Flavor flavor = version.toLowerCase(Locale.ROOT).contains("mariadb") ? Flavor.MARIADB : Flavor.MYSQL;
        return new RemoteSource(flavor, version, host, port, user, session);
    }

    @Override
    public Flavor flavor()
    {
        return flavor;
    }

    @Override
    public String version()
    {
        return version;
    }

    @Override
    public String host()
    {
        return host;
    }

    @Override
    public int port()
    {
        return port;
    }

    /** The user's login. */
    @Override
    public SourceUser admin()
    {
        return user;
    }

    /** The user's login too: it needs {@code REPLICATION SLAVE} and {@code REPLICATION CLIENT}. */
    @Override
    public SourceUser replicationUser()
    {
        return user;
    }

    @Override
    public void execute(final String... sql)
    {
        session.execute(sql);
    }

    @Override
    public List<List<String>> query(final String sql)
    {
        return session.query(sql);
    }

    @Override
    public String toString()
    {
        return flavor + " source " + version + " at " + host + ":" + port;
    }
}

package io.semisync.it.serve;

import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.sources.SourceServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests of the replication endpoint give our node and read from its log. */
final class ServeEndpoint
{
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final int TRANSACTIONS = 300;
    /** The replication user the downstream replicas log in as, and its password. */
    static final String USER = "repl";
    static final String PASSWORD = "repl-Secret-1";
    /** A downstream replica's heartbeat period, and its network timeout, which only heartbeats keep it from reaching. */
    static final double HEARTBEAT_SECONDS = 0.5;
    static final int NET_TIMEOUT_SECONDS = 2;
    private static final Pattern SERVE_LINE = Pattern.compile("semisync-replica replication endpoint ([0-9.]+):(\\d+)");
    private static final Pattern DUMP_LINE = Pattern.compile("asks for the binlog");
    private static final Pattern ADMIN_LINE = Pattern.compile("admin endpoint listening on ([0-9.]+):(\\d+)");

    private ServeEndpoint()
    {
    }

    /** A users file of one {@code name hash} line, beside the data directory, named {@code kind}. */
    static Path usersFile(final Path dataDir, final String kind, final String user, final AuthMethod method, final String password)
        throws IOException
    {
        return Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + "-" + kind),
            user + " " + ServerUser.storedHash(method, password) + "\n");
    }

    /** Waits until the node prints where its replication endpoint listens. */
    static InetSocketAddress await(final ReplicaProcess replica)
    {
        Waits.until("the replication endpoint", TIMEOUT, () -> SERVE_LINE.matcher(replica.stdout()).find(), replica::logTail);
        final Matcher serve = SERVE_LINE.matcher(replica.stdout());
        serve.find();
        return InetSocketAddress.createUnresolved(serve.group(1), Integer.parseInt(serve.group(2)));
    }

    /** How many dumps the node was asked for. */
    static long dumpsAskedFor(final ReplicaProcess replica)
    {
        return DUMP_LINE.matcher(replica.stderr()).results().count();
    }

    /** The statements {@code user}'s connections sent, each once, in the order first sent. */
    static List<String> statements(final ReplicaProcess replica, final String user)
    {
        return Pattern.compile("replica " + user + "@\\S+: (.*)").matcher(replica.stderr()).results().map(m -> m.group(1)).distinct()
            .toList();
    }

    /** The JDBC URL of the node's admin endpoint. */
    static String adminUrl(final ReplicaProcess replica)
    {
        final Matcher admin = ADMIN_LINE.matcher(replica.stderr());
        if (!admin.find())
        {
            throw new AssertionError("the node printed no admin endpoint" + replica.logTail());
        }
        return "jdbc:mysql://" + admin.group(1) + ":" + admin.group(2) + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    /** The rows of a statement run on the node's admin endpoint, each value as text. */
    static List<List<String>> adminQuery(final ReplicaProcess replica, final String user, final String password, final String sql)
        throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(adminUrl(replica), user, password);
            Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery(sql))
        {
            final List<List<String>> rows = new ArrayList<>();
            while (result.next())
            {
                final List<String> row = new ArrayList<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++)
                {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static String checksum(final SourceServer server)
    {
        return server.query("CHECKSUM TABLE " + SourceLoad.TABLE).get(0).get(1);
    }

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}

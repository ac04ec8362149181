package io.semisync.it.serve;

import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.sources.Flavor;
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

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * Points a MySQL {@code downstream} at our node's replication endpoint with GTID auto-position, as having the
     * transactions {@code had} (what the source had before our node began), retrying its connection every second, and
     * starts it.
     */
    static void replicateFrom(final SourceServer downstream, final InetSocketAddress serve, final String had)
    {
        downstream.execute("RESET BINARY LOGS AND GTIDS", "SET GLOBAL gtid_purged = '" + had + "'",
            "CHANGE REPLICATION SOURCE TO SOURCE_HOST = '" + serve.getHostString() + "', SOURCE_PORT = " + serve.getPort()
                + ", SOURCE_USER = '" + USER + "', SOURCE_PASSWORD = '" + PASSWORD + "', SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 0, "
                + "GET_SOURCE_PUBLIC_KEY = 1, SOURCE_CONNECT_RETRY = 1, SOURCE_RETRY_COUNT = 600",
            "START REPLICA");
    }

    /**
     * Rotates the source's binlog and purges every file before the new one, so that what the load wrote is only in our
     * node's archive. The source keeps a file while a dump thread still reads it or (MariaDB) while the engine has not
     * yet checkpointed its transactions, and only warns; so the purge is repeated until the new file is the only one.
     */
    static void purgeAllButANewBinlog(final SourceServer source)
    {
        source.execute("FLUSH BINARY LOGS");
        final String current = source.query(source.flavor() == Flavor.MYSQL ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS").get(0).get(0);
        Waits.until("purge of the source's binlogs before " + current, TIMEOUT, () ->
            {
                source.execute("PURGE BINARY LOGS TO '" + current + "'");
                return source.query("SHOW BINARY LOGS").size() == 1;
            },
            () -> "the source's binlogs: " + source.query("SHOW BINARY LOGS") + "; its threads: " + source.query("SHOW PROCESSLIST"));
    }

    /** What the source has executed, without line breaks. */
    static String gtidExecuted(final SourceServer server)
    {
        return server.queryValue("SELECT @@GLOBAL.gtid_executed").replaceAll("\\s", "");
    }

    /** Waits for a MySQL replica's I/O thread to stop on an error, and returns the error's number and message. */
    static String awaitIoError(final SourceServer downstream)
    {
        final String query = "SELECT CONCAT(LAST_ERROR_NUMBER, ' ', LAST_ERROR_MESSAGE) FROM performance_schema.replication_connection_status";
        Waits.until("the downstream replica to stop on an error", TIMEOUT, () -> !downstream.queryValue(query).startsWith("0 "),
            () -> String.valueOf(downstream.query("SHOW REPLICA STATUS")));
        return downstream.queryValue(query);
    }

    /** Waits until a MySQL {@code downstream} has applied all the source has, then compares the load's table. */
    static void awaitSameAsSource(final SourceServer source, final SourceServer downstream, final ReplicaProcess replica)
    {
        awaitSameAsSource(source, downstream, replica, SourceLoad.TABLE);
    }

    /** Waits until a MySQL {@code downstream} has applied all the source has, then compares {@code table}'s checksums. */
    static void awaitSameAsSource(final SourceServer source, final SourceServer downstream, final ReplicaProcess replica, final String table)
    {
        final String sourceGtids = gtidExecuted(source);
        Waits.until("the downstream replica to apply " + sourceGtids, TIMEOUT, () -> sourceGtids.equals(gtidExecuted(downstream)),
            () -> "downstream has " + downstream.queryValue("SELECT @@GLOBAL.gtid_executed") + "; its status: "
                + downstream.query("SHOW REPLICA STATUS") + "\n" + replica.logTail());
        assertThat(checksum(downstream, table)).as("checksum of " + table).isEqualTo(checksum(source, table));
    }

    static String checksum(final SourceServer server, final String table)
    {
        return server.query("CHECKSUM TABLE " + table).get(0).get(1);
    }

    static String checksum(final SourceServer server)
    {
        return checksum(server, SourceLoad.TABLE);
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

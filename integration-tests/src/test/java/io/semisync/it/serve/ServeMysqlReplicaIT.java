package io.semisync.it.serve;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.semisync.it.serve.ServeEndpoint.HEARTBEAT_SECONDS;
import static io.semisync.it.serve.ServeEndpoint.NET_TIMEOUT_SECONDS;
import static io.semisync.it.serve.ServeEndpoint.PASSWORD;
import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.TRANSACTIONS;
import static io.semisync.it.serve.ServeEndpoint.USER;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.awaitIoError;
import static io.semisync.it.serve.ServeEndpoint.awaitSameAsSource;
import static io.semisync.it.serve.ServeEndpoint.checksum;
import static io.semisync.it.serve.ServeEndpoint.dumpsAskedFor;
import static io.semisync.it.serve.ServeEndpoint.freePort;
import static io.semisync.it.serve.ServeEndpoint.gtidExecuted;
import static io.semisync.it.serve.ServeEndpoint.purgeAllButANewBinlog;
import static io.semisync.it.serve.ServeEndpoint.replicateFrom;
import static io.semisync.it.serve.ServeEndpoint.statements;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MySQL 9.7 replica, set up with CHANGE REPLICATION SOURCE TO ... SOURCE_AUTO_POSITION = 1 against our node's
 * replication endpoint, applies what our replica archived from the MySQL 9.7 source: what was stored before it
 * connected and what the source commits while it is connected; its table and gtid_executed equal the source's. Idle for
 * longer than its replica_net_timeout, it stays connected on the heartbeats it asked for. Without the transactions the
 * source had before our node began (it started at the source's current position), it is refused with 1236; pointed at
 * the source's own file and position (SOURCE_AUTO_POSITION = 0) it follows from there, and at a position that ends no
 * event it is refused with 1236. With its semisync plugin on, it replicates as a semisync replica and acknowledges
 * each transaction. Killed (SIGKILL) and started again on its data directory while the source commits, our node serves
 * the replica again, which reconnects by itself and catches up; a second replica that joins after the source purged every
 * binlog holding the load gets it all from our node; both end with tables equal to the source's.
 */
@ExtendWith(SourceServerExtension.class)
class ServeMysqlReplicaIT
{
    private static final Pattern ACKS_LINE = Pattern.compile("ended after \\d+ events, (\\d+) semisync ACKs");

    @Test
    void aMysqlReplicaAppliesTheArchiveAndFollowsItLive(@Source(value = Flavor.MYSQL, dedicated = true) final SourceServer source,
        @TempDir final Path dataDir)
        throws IOException, SQLException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        source.execute("CREATE DATABASE IF NOT EXISTS serve_it_before_the_archive");
        final String sourceHadBefore = source.queryValue("SELECT @@GLOBAL.gtid_executed").replaceAll("\\s", "");
        try (ReplicaProcess replica = ReplicaProcess.start("replica", source.host(), source.port(), source.replicationUser(), dataDir,
                ReplicaLogs.directory(ServeMysqlReplicaIT.class, source.flavor()), "--admin-users-file", users.toString(), "--admin-port",
                "0", "--serve-port", "0", "--start-position", "current");
            SourceServer downstream = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withServerId(3)))
        {
            final InetSocketAddress serve = await(replica);
            SourceLoad.createTable(source);
            ReplicationChecks.awaitSemisyncConnected(replica, source, TIMEOUT);
            try (SourceLoad before = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
            {
                before.await(TIMEOUT);
            }

            // the archive began after the source's first transactions: a replica without them gets 1236
            downstream.execute("RESET BINARY LOGS AND GTIDS", "SET GLOBAL replica_net_timeout = " + NET_TIMEOUT_SECONDS,
                "CHANGE REPLICATION SOURCE TO SOURCE_HOST = '" + serve.getHostString() + "', SOURCE_PORT = " + serve.getPort()
                    + ", SOURCE_USER = '" + USER + "', SOURCE_PASSWORD = '" + PASSWORD
                    + "', SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 0, GET_SOURCE_PUBLIC_KEY = 1, SOURCE_HEARTBEAT_PERIOD = "
                    + HEARTBEAT_SECONDS,
                "START REPLICA IO_THREAD");
            assertThat(awaitIoError(downstream)).contains("1236", "lacks transactions this node's archive no longer holds");

            downstream.execute("STOP REPLICA", "SET GLOBAL gtid_purged = '" + sourceHadBefore + "'",
                "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'", "SET GLOBAL rpl_semi_sync_replica_enabled = 1",
                "START REPLICA");
            awaitSameAsSource(source, downstream, replica);
            assertThat(downstream.globalStatus("Rpl_semi_sync_replica_status")).as("the downstream replicates as semisync").isEqualTo(1);
            assertThat(ServeEndpoint.adminQuery(replica, USER, PASSWORD, "SHOW REPLICAS")).as("SHOW REPLICAS on the admin endpoint")
                .extracting(row -> row.subList(0, 5)).containsExactly(List.of("3", "", String.valueOf(downstream.port()),
                    String.valueOf(source.serverId()), downstream.queryValue("SELECT @@server_uuid")));

            try (SourceLoad live = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
            {
                live.await(TIMEOUT);
            }
            awaitSameAsSource(source, downstream, replica);
            assertThat(downstream.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE + " WHERE client >= 0"))
                .isEqualTo(String.valueOf(2 * TRANSACTIONS));

            // idle for longer than replica_net_timeout: only heartbeats keep the replica from reconnecting
            final long heartbeats = receivedHeartbeats(downstream);
            Waits.until("heartbeats for twice replica_net_timeout", TIMEOUT,
                () -> receivedHeartbeats(downstream) >= heartbeats + 2 * NET_TIMEOUT_SECONDS / HEARTBEAT_SECONDS,
                () -> "heartbeats received: " + receivedHeartbeats(downstream) + "; " + downstream.query("SHOW REPLICA STATUS"));
            assertThat(downstream.queryValue("SELECT SERVICE_STATE FROM performance_schema.replication_connection_status"))
                .isEqualTo("ON");
            assertThat(dumpsAskedFor(replica)).as("dumps asked for").isEqualTo(2);

            // by file and position: the source's own coordinates; one inside the last event is refused with 1236
            downstream.execute("STOP REPLICA");
            final List<String> coordinates = source.query("SHOW BINARY LOG STATUS").get(0);
            final String file = coordinates.get(0);
            final long position = Long.parseLong(coordinates.get(1));
            downstream.execute("CHANGE REPLICATION SOURCE TO SOURCE_AUTO_POSITION = 0, SOURCE_LOG_FILE = '" + file + "', SOURCE_LOG_POS = "
                + (position - 1), "START REPLICA IO_THREAD");
            assertThat(awaitIoError(downstream)).contains("1236", "does not hold binlog position " + file + ":" + (position - 1));
            downstream.execute("STOP REPLICA", "CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE = '" + file + "', SOURCE_LOG_POS = " + position,
                "START REPLICA");
            try (SourceLoad byPosition = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
            {
                byPosition.await(TIMEOUT);
            }
            awaitSameAsSource(source, downstream, replica);
            assertThat(downstream.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE + " WHERE client >= 0"))
                .isEqualTo(String.valueOf(3 * TRANSACTIONS));
            final Matcher acks = ACKS_LINE.matcher(replica.stderr());
            assertThat(acks.find()).as("the GTID dump's end reports the downstream's ACKs").isTrue();
            assertThat(Long.parseLong(acks.group(1))).as("semisync ACKs").isGreaterThanOrEqualTo(2 * TRANSACTIONS);

            final List<String> statements = statements(replica, USER);
            System.out.println("statements the MySQL " + downstream.version() + " replica sent: " + statements);
            assertThat(statements).contains("SELECT UNIX_TIMESTAMP()", "SELECT @@GLOBAL.SERVER_ID", "SELECT @@GLOBAL.SERVER_UUID");
        }
    }

    @Test
    void aMysqlReplicaFollowsAcrossAKillAndRestartOfOurNodeAndAnotherJoinsAfterTheSourcePurgedItsBinlogs(
        @Source(value = Flavor.MYSQL, dedicated = true) final SourceServer source, @TempDir final Path dataDir)
        throws IOException, SQLException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        final Path logDir = ReplicaLogs.directory(ServeMysqlReplicaIT.class, source.flavor());
        final String[] options = {"--admin-users-file", users.toString(), "--admin-port", "0", "--serve-port", String.valueOf(freePort()),
            "--start-position", "current"};
        final String sourceHadBefore = gtidExecuted(source);
        try (SourceServer downstream = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withServerId(3));
            SourceServer joiner = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withServerId(5)))
        {
            final InetSocketAddress serve;
            try (ReplicaProcess node = ReplicaProcess.start("node", source.host(), source.port(), source.replicationUser(), dataDir,
                logDir, options))
            {
                serve = await(node);
                ReplicationChecks.awaitSemisyncConnected(node, source, TIMEOUT);
                SourceLoad.createTable(source);
                replicateFrom(downstream, serve, sourceHadBefore);
                load(source);
                awaitSameAsSource(source, downstream, node);
                node.kill();
            }

            // the source commits while our node is down; the downstream keeps retrying until the node is back
            load(source);
            try (ReplicaProcess restarted = ReplicaProcess.start("node-restarted", source.host(), source.port(),
                source.replicationUser(), dataDir, logDir, options))
            {
                await(restarted);
                ReplicationChecks.awaitSemisyncConnected(restarted, source, TIMEOUT);
                load(source);
                awaitSameAsSource(source, downstream, restarted);
                assertThat(downstream.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE)).isEqualTo(String.valueOf(3 * TRANSACTIONS));

                purgeAllButANewBinlog(source);
                replicateFrom(joiner, serve, sourceHadBefore);
                awaitSameAsSource(source, joiner, restarted);
                restarted.stop();
            }
        }
    }

    private static void load(final SourceServer source)
    {
        try (SourceLoad load = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
        {
            load.await(TIMEOUT);
        }
    }

    private static long receivedHeartbeats(final SourceServer downstream)
    {
        return Long.parseLong(downstream.queryValue("SELECT COUNT_RECEIVED_HEARTBEATS FROM performance_schema.replication_connection_status"));
    }

}

package io.semisync.it.serve;

import io.semisync.it.Source;
import io.semisync.it.SourceRelease;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.sources.Flavor;
import io.semisync.sources.MariadbRelease;
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

import static io.semisync.it.serve.ServeEndpoint.HEARTBEAT_SECONDS;
import static io.semisync.it.serve.ServeEndpoint.NET_TIMEOUT_SECONDS;
import static io.semisync.it.serve.ServeEndpoint.PASSWORD;
import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.TRANSACTIONS;
import static io.semisync.it.serve.ServeEndpoint.USER;
import static io.semisync.it.serve.ServeEndpoint.adminQuery;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.checksum;
import static io.semisync.it.serve.ServeEndpoint.dumpsAskedFor;
import static io.semisync.it.serve.ServeEndpoint.freePort;
import static io.semisync.it.serve.ServeEndpoint.purgeAllButANewBinlog;
import static io.semisync.it.serve.ServeEndpoint.statements;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MariaDB 10.11 replica, set up with CHANGE MASTER TO ... MASTER_USE_GTID = slave_pos against our node's
 * replication endpoint while our node archives a MariaDB 10.11 source, applies what was archived before it connected and
 * what the source commits while it is connected: its table equals the source's by checksum, its gtid_slave_pos the
 * source's gtid_binlog_pos. Idle for longer than its slave_net_timeout, it stays connected on heartbeats (version 1).
 * Restarted where it cannot reach its source, our node still serves what it archived (the source's FORMAT_DESCRIPTION
 * comes from its data directory), and a second replica that joins after the source purged the binlogs of the whole load
 * gets all of it from our node. Without the transaction the source had before our node began (it started at the
 * source's current position), the replica is refused with 1236. With semisync on, it replicates as a semisync replica.
 * The same holds for a MariaDB 11.8 replica of a MariaDB 11.8 source.
 */
@ExtendWith(SourceServerExtension.class)
class ServeMariadbReplicaIT
{

    @Test
    void aMariadbReplicaFollowsTheArchiveByGtid(@Source(value = Flavor.MARIADB, dedicated = true) final SourceServer source,
        @TempDir final Path dataDir)
        throws IOException, SQLException
    {
        followsTheArchiveByGtid(SourceRelease.MARIADB_10_11, source, dataDir);
    }

    @Test
    void aMariadb118ReplicaFollowsTheArchiveOfAMariadb118Source(
        @Source(value = Flavor.MARIADB, dedicated = true, mariadb = MariadbRelease.V11_8) final SourceServer source,
        @TempDir final Path dataDir)
        throws IOException, SQLException
    {
        followsTheArchiveByGtid(SourceRelease.MARIADB_11_8, source, dataDir);
    }

    /** The scenario above, with a source and a downstream replica of {@code release}. */
    private static void followsTheArchiveByGtid(final SourceRelease release, final SourceServer source, final Path dataDir)
        throws IOException, SQLException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.MYSQL_NATIVE_PASSWORD, PASSWORD);
        source.execute("CREATE DATABASE IF NOT EXISTS serve_it_before_the_archive");
        final String sourceHadBefore = source.queryValue("SELECT @@GLOBAL.gtid_binlog_pos");
        final int servePort = freePort();
        try (ReplicaProcess replica = ReplicaProcess.start("replica", source.host(), source.port(), source.replicationUser(), dataDir,
                ReplicaLogs.directory(ServeMariadbReplicaIT.class, release), "--admin-users-file", users.toString(),
                "--admin-port", "0", "--serve-port", String.valueOf(servePort), "--start-position", "current");
            SourceServer downstream = SourceServers.start(Flavor.MARIADB, release.options().withServerId(3)))
        {
            final InetSocketAddress serve = await(replica);
            SourceLoad.createTable(source);
            ReplicationChecks.awaitSemisyncConnected(replica, source, TIMEOUT);
            try (SourceLoad before = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
            {
                before.await(TIMEOUT);
            }

            // the archive began after the source's first transaction: a replica without it gets 1236
            downstream.execute("SET GLOBAL slave_net_timeout = " + NET_TIMEOUT_SECONDS,
                "CHANGE MASTER TO MASTER_HOST = '" + serve.getHostString() + "', MASTER_PORT = " + serve.getPort() + ", MASTER_USER = '" + USER
                    + "', MASTER_PASSWORD = '" + PASSWORD + "', MASTER_USE_GTID = slave_pos, MASTER_SSL = 0, MASTER_CONNECT_RETRY = 1, "
                    + "MASTER_HEARTBEAT_PERIOD = " + HEARTBEAT_SECONDS,
                "START SLAVE IO_THREAD");
            Waits.until("the downstream replica to stop on 1236", TIMEOUT, () -> slaveStatusHolds(downstream, "lacks transactions of domain 0"),
                () -> String.valueOf(downstream.query("SHOW SLAVE STATUS")));
            downstream.execute("STOP SLAVE", "SET GLOBAL gtid_slave_pos = '" + sourceHadBefore + "'",
                "SET GLOBAL rpl_semi_sync_slave_enabled = ON", "START SLAVE");
            awaitSameAsSource(source, downstream, replica);
            assertThat(downstream.globalStatus("Rpl_semi_sync_slave_status")).as("the downstream replicates as semisync").isEqualTo(1);
            assertThat(adminQuery(replica, USER, PASSWORD, "SHOW SLAVE HOSTS")).as("SHOW SLAVE HOSTS on the admin endpoint")
                .extracting(row -> row.get(0)).containsExactly("3");

            try (SourceLoad live = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
            {
                live.await(TIMEOUT);
            }
            awaitSameAsSource(source, downstream, replica);
            assertThat(downstream.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE + " WHERE client >= 0"))
                .isEqualTo(String.valueOf(2 * TRANSACTIONS));

            // idle for longer than slave_net_timeout: only heartbeats keep the replica from reconnecting
            final long heartbeats = downstream.globalStatus("Slave_received_heartbeats");
            Waits.until("heartbeats for twice slave_net_timeout", TIMEOUT,
                () -> downstream.globalStatus("Slave_received_heartbeats") >= heartbeats + 2 * NET_TIMEOUT_SECONDS / HEARTBEAT_SECONDS,
                () -> "heartbeats received: " + downstream.globalStatus("Slave_received_heartbeats") + "; "
                    + downstream.query("SHOW SLAVE STATUS"));
            assertThat(downstream.globalStatus("Slave_running")).isEqualTo(1);
            assertThat(dumpsAskedFor(replica)).as("dumps asked for").isEqualTo(2);

            final List<String> statements = statements(replica, USER);
            System.out.println("statements the MariaDB " + downstream.version() + " replica sent: " + statements);
            assertThat(statements).contains("SELECT @@GLOBAL.gtid_domain_id");

            // restarted where it cannot reach its source, our node serves what it archived, FORMAT_DESCRIPTION included
            downstream.execute("STOP SLAVE");
            try (SourceLoad whileStopped = SourceLoad.start(source, 2, TRANSACTIONS, 1, false))
            {
                whileStopped.await(TIMEOUT);
            }
            final String sourceGtids = source.queryValue("SELECT @@GLOBAL.gtid_binlog_pos");
            ReplicationChecks.awaitStored(source, dataDir, Long.parseLong(sourceGtids.substring(sourceGtids.lastIndexOf('-') + 1)), TIMEOUT,
                replica);
            replica.stop();
            try (ReplicaProcess restarted = ReplicaProcess.start("replica-restarted", source.host(), freePort(), source.replicationUser(),
                dataDir, ReplicaLogs.directory(ServeMariadbReplicaIT.class, release), "--admin-users-file", users.toString(),
                "--admin-port", "0", "--serve-port", String.valueOf(servePort)))
            {
                await(restarted);
                downstream.execute("START SLAVE");
                awaitSameAsSource(source, downstream, restarted);
                assertThat(downstream.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE + " WHERE client >= 0"))
                    .isEqualTo(String.valueOf(3 * TRANSACTIONS));
                assertThat(restarted.stdout()).doesNotContain("STREAMING");
                assertThat(restarted.stderr()).as("greeted as MariaDB, so asked by GTID").contains("with MariaDB GTID position");

                // the source purges the binlogs of the whole load: a replica that joins now gets it from our node
                purgeAllButANewBinlog(source);
                try (SourceServer joiner = SourceServers.start(Flavor.MARIADB, release.options().withServerId(4)))
                {
                    joiner.execute("SET GLOBAL gtid_slave_pos = '" + sourceHadBefore + "'",
                        "CHANGE MASTER TO MASTER_HOST = '" + serve.getHostString() + "', MASTER_PORT = " + serve.getPort()
                            + ", MASTER_USER = '" + USER + "', MASTER_PASSWORD = '" + PASSWORD + "', MASTER_USE_GTID = slave_pos, MASTER_SSL = 0, "
                            + "MASTER_CONNECT_RETRY = 1",
                        "START SLAVE");
                    awaitSameAsSource(source, joiner, restarted);
                    assertThat(joiner.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE + " WHERE client >= 0"))
                        .isEqualTo(String.valueOf(3 * TRANSACTIONS));
                }
                restarted.stop();
            }
        }
    }

    private static void awaitSameAsSource(final SourceServer source, final SourceServer downstream, final ReplicaProcess replica)
    {
        final String sourceGtids = source.queryValue("SELECT @@GLOBAL.gtid_binlog_pos");
        Waits.until("the downstream replica to apply " + sourceGtids, TIMEOUT,
            () -> sourceGtids.equals(downstream.queryValue("SELECT @@GLOBAL.gtid_slave_pos")),
            () -> "downstream has " + downstream.queryValue("SELECT @@GLOBAL.gtid_slave_pos") + "; its status: "
                + downstream.query("SHOW SLAVE STATUS") + "\n" + replica.logTail());
        assertThat(checksum(downstream)).isEqualTo(checksum(source));
    }

    private static boolean slaveStatusHolds(final SourceServer downstream, final String text)
    {
        return downstream.query("SHOW SLAVE STATUS").get(0).stream().anyMatch(value -> value != null && value.contains(text));
    }

}

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
import java.util.ArrayList;
import java.util.List;

import static io.semisync.it.replica.ReplicationChecks.semisyncStatus;
import static io.semisync.it.serve.ServeEndpoint.PASSWORD;
import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.USER;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chained durability against real servers: a MySQL 9.7 source, our node, and a real MySQL 9.7 replica of our node with
 * its semisync plugin on. With {@code --upstream-ack-waits-for 1} the source's commits wait for the downstream: once
 * its I/O thread stops, the next commit waits our {@code --upstream-ack-timeout-ms} on the source (its
 * {@code Rpl_semi_sync_source_tx_wait_time}), the chain falls back and the commits after it wait for our sync alone;
 * when the downstream is back the chain waits for it again. Without the setting, stopping the downstream changes
 * nothing for the source's commits.
 */
@ExtendWith(SourceServerExtension.class)
class ServeChainedSemisyncIT
{
    private static final long CHAIN_TIMEOUT_MILLIS = 300;
    private static final int COMMITS_AFTER = 5;

    @Test
    void aSemisyncDownstreamMakesTheSourceWaitOnlyWhenChainingIsOn(
        @Source(value = Flavor.MYSQL, dedicated = true) final SourceServer source,
        @TempDir final Path dataDir)
        throws IOException, SQLException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        final Path relayLog = dataDir.resolve("node");
        SourceLoad.createTable(source);
        final String sourceHadBefore = source.queryValue("SELECT @@GLOBAL.gtid_executed").replaceAll("\\s", "");
        try (SourceServer downstream = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withServerId(3)))
        {
            downstream.execute("RESET BINARY LOGS AND GTIDS", "SET GLOBAL gtid_purged = '" + sourceHadBefore + "'",
                "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'", "SET GLOBAL rpl_semi_sync_replica_enabled = 1");
            try (ReplicaProcess node = startNode(source, relayLog, users, "--start-position", "current", "--upstream-ack-waits-for", "1",
                "--upstream-ack-timeout-ms", String.valueOf(CHAIN_TIMEOUT_MILLIS)))
            {
                replicateFrom(node, downstream);
                ReplicationChecks.awaitSemisyncConnected(node, source, TIMEOUT);
                Waits.until("the chain to reach the downstream's ACKs", TIMEOUT, () ->
                {
                    commit(source, 1);
                    return "ON".equals(status(node, "chain_status")) && !status(node, "chain_reached").isEmpty();
                }, node::logTail);
                assertThat(ServeEndpoint.adminQuery(node, USER, PASSWORD, "SHOW REPLICAS")).singleElement()
                    .satisfies(row -> assertThat(row.get(5)).as("the downstream's last ACK").matches("binlog\\.\\d+:\\d+"));

                final long timeouts = Long.parseLong(status(node, "chain_timeouts"));
                downstream.execute("STOP REPLICA IO_THREAD");
                final long noTx = semisyncStatus(source, "no_tx");
                final long waited = semisyncStatus(source, "tx_wait_time");
                commit(source, 1);
                final long firstWaitMicros = semisyncStatus(source, "tx_wait_time") - waited;
                assertThat(firstWaitMicros).as("the first commit waits our timeout for the stopped downstream")
                    .isGreaterThanOrEqualTo(CHAIN_TIMEOUT_MILLIS * 1_000 * 9 / 10);
                assertThat(status(node, "chain_status")).isEqualTo("OFF");
                assertThat(status(node, "chain_timeouts")).isEqualTo(String.valueOf(timeouts + 1));

                final long fellBack = semisyncStatus(source, "tx_wait_time");
                commit(source, COMMITS_AFTER);
                assertThat(semisyncStatus(source, "tx_wait_time") - fellBack).as("the commits after it wait for our sync alone")
                    .isLessThan(CHAIN_TIMEOUT_MILLIS * 1_000);
                assertThat(status(node, "chain_timeouts")).isEqualTo(String.valueOf(timeouts + 1));
                assertThat(semisyncStatus(source, "no_tx")).as("the source itself never fell back").isEqualTo(noTx);

                downstream.execute("START REPLICA IO_THREAD");
                Waits.until("the chain to wait for the downstream again", TIMEOUT, () ->
                {
                    commit(source, 1);
                    return "ON".equals(status(node, "chain_status"));
                }, node::logTail);
                assertThat(node.stderr()).contains("ACKing to the source after our own sync alone until they catch up",
                    "ACKs to the source wait for them again");
            }

            try (ReplicaProcess node = startNode(source, relayLog, users))
            {
                downstream.execute("STOP REPLICA");
                replicateFrom(node, downstream);
                ReplicationChecks.awaitSemisyncConnected(node, source, TIMEOUT);
                assertThat(status(node, "chain_waits_for")).isEqualTo("0");
                downstream.execute("STOP REPLICA IO_THREAD");
                final long waited = semisyncStatus(source, "tx_wait_time");
                commit(source, 1 + COMMITS_AFTER);
                assertThat(semisyncStatus(source, "tx_wait_time") - waited).as("without chaining the downstream changes nothing")
                    .isLessThan(CHAIN_TIMEOUT_MILLIS * 1_000);
            }
        }
    }

    private static ReplicaProcess startNode(final SourceServer source, final Path relayLog, final Path users, final String... options)
    {
        final List<String> arguments = new ArrayList<>(List.of("--admin-users-file", users.toString(), "--admin-port", "0",
            "--serve-port", "0"));
        arguments.addAll(List.of(options));
        return ReplicaProcess.start("replica", source.host(), source.port(), source.replicationUser(), relayLog,
            ReplicaLogs.directory(ServeChainedSemisyncIT.class, source.flavor()), arguments.toArray(String[]::new));
    }

    private static void replicateFrom(final ReplicaProcess node, final SourceServer downstream)
    {
        final InetSocketAddress serve = await(node);
        downstream.execute("CHANGE REPLICATION SOURCE TO SOURCE_HOST = '" + serve.getHostString() + "', SOURCE_PORT = " + serve.getPort()
            + ", SOURCE_USER = '" + USER + "', SOURCE_PASSWORD = '" + PASSWORD + "', SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 0, "
            + "GET_SOURCE_PUBLIC_KEY = 1", "START REPLICA");
        Waits.until("the downstream to replicate as semisync", TIMEOUT,
            () -> downstream.globalStatus("Rpl_semi_sync_replica_status") == 1, () -> downstream.query("SHOW REPLICA STATUS") + node.logTail());
    }

    private static void commit(final SourceServer source, final int transactions)
    {
        for (int i = 0; i < transactions; i++)
        {
            source.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-2, 'chained')");
        }
    }

    /** Our node's {@code Semisync_replica_<name>} status. */
    private static String status(final ReplicaProcess node, final String name)
    {
        try
        {
            return ServeEndpoint.adminQuery(node, USER, PASSWORD, "SHOW STATUS").stream()
                .filter(row -> row.get(0).equals("Semisync_replica_" + name)).map(row -> row.get(1)).findFirst().orElseThrow();
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("SHOW STATUS on the admin endpoint failed", ex);
        }
    }
}

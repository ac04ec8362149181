package io.semisync.it.replica;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network between the replica and the source fails without closing anything ({@link TcpProxy}): a partition
 * longer than the source's semisync timeout, after which the source has fallen back to asynchronous replication,
 * and a slow link. Either way the replica ends up semisync again with every transaction once.
 */
class NetworkFaultIT
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final long SEMISYNC_TIMEOUT_MILLIS = 1_000;
    /** Longer than the source's semisync timeout and than the replica's three missed heartbeats (1 s each). */
    private static final Duration PARTITION = Duration.ofSeconds(6);
    private static final Duration SLOW_LINK_DELAY = Duration.ofMillis(20);
    private static final int CLIENTS = 2;
    private static final long UNBOUNDED = Long.MAX_VALUE;

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void afterAPartitionLongerThanTheSemisyncTimeoutTheReplicaCatchesUpAndTheSourceIsSemisyncAgain(
        final Flavor flavor, @TempDir final Path dataDir)
    {
        try (SourceServer server = SourceServers.start(flavor, SourceOptions.defaults().withSemisyncTimeoutMillis(SEMISYNC_TIMEOUT_MILLIS));
            TcpProxy proxy = TcpProxy.start(server.host(), server.port()))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", proxy.host(), proxy.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(NetworkFaultIT.class, flavor).resolve("partition")))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, UNBOUNDED, 1, false))
                {
                    Waits.until("commits before the partition", CONNECT_TIMEOUT, () -> load.committed() > 50, () -> replica.logTail());
                    final long withoutAck = ReplicationChecks.semisyncStatus(server, "no_tx");
                    proxy.stall(true);
                    final long partitioned = System.nanoTime();
                    Waits.until("the source's fallback to asynchronous replication", CONNECT_TIMEOUT,
                        () -> ReplicationChecks.semisyncStatus(server, "status") == 0, () -> "load " + load.committed());
                    final long committedAtFallback = load.committed();
                    Waits.until("commits without our ACK during the partition", CONNECT_TIMEOUT,
                        () -> load.committed() > committedAtFallback + 20 && ReplicationChecks.semisyncStatus(server, "no_tx") > withoutAck,
                        () -> "load " + load.committed() + ", no_tx " + ReplicationChecks.semisyncStatus(server, "no_tx"));
                    Waits.pause(PARTITION.minusNanos(System.nanoTime() - partitioned));
                    proxy.stall(false);
                    System.out.printf("[%s] partition healed after %d ms, %d transactions committed%n", flavor,
                        Duration.ofNanos(System.nanoTime() - partitioned).toMillis(), load.committed());
                    ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                    final long yes = ReplicationChecks.semisyncStatus(server, "yes_tx");
                    Waits.until("commits acknowledged by the replica after the partition", CONNECT_TIMEOUT,
                        () -> ReplicationChecks.semisyncStatus(server, "yes_tx") > yes, () -> replica.logTail());
                    load.stop();
                    load.await(CONNECT_TIMEOUT);
                }
                ReplicationChecks.stopCaughtUpAndAssertHoldsExactly(server, dataDir, first, replica, CONNECT_TIMEOUT);
                assertThat(replica.stderr()).as("the replica's log").contains("the connection is presumed dead");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void overASlowLinkEveryTransactionIsAcknowledgedAndStoredOnce(final Flavor flavor, @TempDir final Path dataDir)
    {
        try (SourceServer server = SourceServers.start(flavor); TcpProxy proxy = TcpProxy.start(server.host(), server.port()))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", proxy.host(), proxy.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(NetworkFaultIT.class, flavor).resolve("slow-link")))
            {
                proxy.delay(SLOW_LINK_DELAY);
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                final long withoutAck = ReplicationChecks.semisyncStatus(server, "no_tx");
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, 200, 1, false))
                {
                    load.await(CONNECT_TIMEOUT);
                }
                assertThat(ReplicationChecks.semisyncStatus(server, "no_tx")).as("commits without our ACK").isEqualTo(withoutAck);
                assertThat(ReplicationChecks.semisyncStatus(server, "status")).as("the source's semisync status").isEqualTo(1);
                ReplicationChecks.stopCaughtUpAndAssertHoldsExactly(server, dataDir, first, replica, CONNECT_TIMEOUT);
                assertThat(proxy.accepted()).as("connections: the slow link never looked dead").isEqualTo(1);
            }
        }
    }
}

package io.semisync.it.replica;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Losing the source mid-stream, by a source restart, a source crash or a network cut: the replica reconnects, registers
 * as a semisync replica again (the source counts one semisync client), and resumes without gap or duplicate.
 */
class ReconnectIT
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final int CLIENTS = 2;
    /** An upper bound only: the load runs across the interruptions, then stops. */
    private static final int MAX_TRANSACTIONS = 20_000;
    private static final int CUTS = 3;

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void resumesWithoutGapOrDuplicateAfterTheSourceRestarts(final Flavor flavor, @TempDir final Path dataDir)
    {
        resumesAfterTheSourceWentAway(flavor, dataDir, "source-restart", SourceServer::restart);
    }

    /** The source crashes (SIGKILL) under load and recovers: what it recovered as committed is streamed, once. */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void resumesWithoutGapOrDuplicateAfterTheSourceIsKilledAndRestarted(final Flavor flavor, @TempDir final Path dataDir)
    {
        resumesAfterTheSourceWentAway(flavor, dataDir, "source-kill", server ->
        {
            server.kill();
            server.restart();
        });
    }

    private static void resumesAfterTheSourceWentAway(
        final Flavor flavor, final Path dataDir, final String name, final Consumer<SourceServer> interruption)
    {
        try (SourceServer server = SourceServers.start(flavor))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", server.host(), server.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(ReconnectIT.class, flavor).resolve(name)))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, MAX_TRANSACTIONS, 1, true))
                {
                    Waits.pause(Duration.ofSeconds(2));
                    final long committedBefore = load.committed();
                    interruption.accept(server);
                    System.out.printf("[%s] %s after %d transactions%n", flavor, name, committedBefore);
                    replica.awaitStatus("a second connection", CONNECT_TIMEOUT, status -> status.connects() >= 2 && status.isSemisyncStreaming());
                    Waits.until("load after the restart", Duration.ofSeconds(30), () -> load.committed() > committedBefore + 200,
                        () -> load.committed() + " transactions committed, " + load.errors() + " errors" + replica.logTail());
                    load.stop();
                    System.out.printf("[%s] load stopped after %d transactions and %d errors%n", flavor, load.await(Duration.ofSeconds(60)),
                        load.errors());
                }
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                final long last = SourceBinlog.lastSequence(server);
                ReplicationChecks.awaitStored(server, dataDir, last, Duration.ofSeconds(60), replica);
                replica.stop();
                assertThat(replica.stderr()).contains("interrupted");
                ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void resumesWithoutGapOrDuplicateAfterNetworkCuts(final Flavor flavor, @TempDir final Path dataDir)
    {
        try (SourceServer server = SourceServers.start(flavor); TcpProxy proxy = TcpProxy.start(server.host(), server.port()))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", proxy.host(), proxy.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(ReconnectIT.class, flavor).resolve("network-cut")))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, MAX_TRANSACTIONS, 1, false))
                {
                    for (int cut = 1; cut <= CUTS; cut++)
                    {
                        Waits.pause(Duration.ofMillis(1_500));
                        final long connects = replica.lastStatus().orElseThrow().connects();
                        assertThat(proxy.cutConnections()).as("connections cut").isEqualTo(1);
                        System.out.printf("[%s] connection cut #%d after %d transactions%n", flavor, cut, load.committed());
                        replica.awaitStatus("connection " + (connects + 1), CONNECT_TIMEOUT,
                            status -> status.connects() > connects && status.isSemisyncStreaming());
                        Waits.until("one semisync client after cut " + cut, CONNECT_TIMEOUT,
                            () -> ReplicationChecks.semisyncStatus(server, "clients") == 1,
                            () -> "clients " + ReplicationChecks.semisyncStatus(server, "clients") + replica.logTail());
                    }
                    load.stop();
                    System.out.printf("[%s] load stopped after %d transactions%n", flavor, load.await(Duration.ofSeconds(60)));
                }
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                assertThat(proxy.accepted()).as("connections through the proxy").isGreaterThanOrEqualTo(CUTS + 1);
                final long last = SourceBinlog.lastSequence(server);
                ReplicationChecks.awaitStored(server, dataDir, last, Duration.ofSeconds(60), replica);
                replica.stop();
                ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
            }
        }
    }
}

package io.semisync.it.replica;

import io.semisync.replica.ReplicaState;
import io.semisync.replica.SemisyncMode;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Semisync switched off on the source, as a DBA would: the replica goes on replicating asynchronously and,
 * from its next connection on, says so; switched on again, the next connection is semisync again. Nothing is
 * lost or duplicated across the changes.
 */
class SemisyncToggleIT
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final int CLIENTS = 2;
    private static final int TRANSACTIONS = 300;

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void replicatesAsynchronouslyWhileTheSourceHasSemisyncOff(final Flavor flavor, @TempDir final Path dataDir)
    {
        final String enabled = flavor.semisyncPrefix() + "_enabled";
        try (SourceServer server = SourceServers.start(flavor); TcpProxy proxy = TcpProxy.start(server.host(), server.port()))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", proxy.host(), proxy.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(SemisyncToggleIT.class, flavor)))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                runLoad(server);
                ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), CONNECT_TIMEOUT, replica);

                server.execute("SET GLOBAL " + enabled + " = OFF");
                runLoad(server);
                ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), CONNECT_TIMEOUT, replica);
                restartReplication(proxy, replica);
                final ReplicaStatusLine asynchronous = replica.awaitStatus("asynchronous streaming", CONNECT_TIMEOUT,
                    status -> status.state() == ReplicaState.STREAMING && status.connects() == 2);
                assertThat(asynchronous.semisync()).isEqualTo(SemisyncMode.SOURCE_DISABLED);
                assertThat(asynchronous.line()).contains("asynchronous: semisync is disabled on the source");
                Waits.until("no semisync client on the source", CONNECT_TIMEOUT,
                    () -> ReplicationChecks.semisyncStatus(server, "clients") == 0,
                    () -> "clients " + ReplicationChecks.semisyncStatus(server, "clients"));
                final long yesTxAsync = ReplicationChecks.semisyncStatus(server, "yes_tx");
                runLoad(server);
                ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), CONNECT_TIMEOUT, replica);
                assertThat(ReplicationChecks.semisyncStatus(server, "yes_tx")).as("yes_tx while asynchronous").isEqualTo(yesTxAsync);

                server.execute("SET GLOBAL " + enabled + " = ON");
                restartReplication(proxy, replica);
                replica.awaitStatus("semisync streaming again", CONNECT_TIMEOUT,
                    status -> status.connects() == 3 && status.isSemisyncStreaming());
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                final long yesTx = ReplicationChecks.semisyncStatus(server, "yes_tx");
                final long noTx = ReplicationChecks.semisyncStatus(server, "no_tx");
                runLoad(server);
                assertThat(ReplicationChecks.semisyncStatus(server, "yes_tx")).as("yes_tx after semisync came back").isGreaterThan(yesTx);
                assertThat(ReplicationChecks.semisyncStatus(server, "no_tx")).as("no_tx after semisync came back").isEqualTo(noTx);
                assertThat(ReplicationChecks.semisyncStatus(server, "clients")).as("semisync clients").isEqualTo(1);

                final long last = SourceBinlog.lastSequence(server);
                ReplicationChecks.awaitStored(server, dataDir, last, CONNECT_TIMEOUT, replica);
                replica.stop();
                ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
            }
        }
    }

    private static void runLoad(final SourceServer server)
    {
        try (SourceLoad load = SourceLoad.start(server, CLIENTS, TRANSACTIONS, 1, false))
        {
            assertThat(load.await(Duration.ofSeconds(60))).isEqualTo(TRANSACTIONS);
        }
    }

    /** Cuts the replica's connection, as a replication restart; it connects again by itself. */
    private static void restartReplication(final TcpProxy proxy, final ReplicaProcess replica)
    {
        assertThat(proxy.cutConnections()).as("connections cut (%s)", replica).isEqualTo(1);
    }
}

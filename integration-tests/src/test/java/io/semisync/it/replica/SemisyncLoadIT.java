package io.semisync.it.replica;

import io.semisync.it.SourceRelease;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent autocommit load through a semisync source: the source never falls back to async, and the relay
 * log holds every event of every transaction, once, in the source's order, with the source's GTIDs.
 */
class SemisyncLoadIT
{
    private static final int TRANSACTIONS = 10_000;
    private static final int CLIENTS = 4;

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void everyTransactionOfAConcurrentLoadIsStoredAndAcknowledged(final SourceRelease release, @TempDir final Path dataDir)
    {
        try (SourceServer server = release.start())
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", server.host(), server.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(SemisyncLoadIT.class, release)))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, Duration.ofSeconds(60));
                final long firstOfLoad = SourceBinlog.lastSequence(server) + 1;
                final long noTxBefore = ReplicationChecks.semisyncStatus(server, "no_tx");
                final long yesTxBefore = ReplicationChecks.semisyncStatus(server, "yes_tx");

                final long started = System.nanoTime();
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, TRANSACTIONS, 1, false))
                {
                    while (!load.isDone())
                    {
                        assertThat(ReplicationChecks.semisyncStatus(server, "status"))
                            .as("semisync status on the source during the load (%d transactions committed)", load.committed())
                            .isEqualTo(1);
                        Waits.pause(Duration.ofMillis(500));
                    }
                    assertThat(load.await(Duration.ofSeconds(10))).isEqualTo(TRANSACTIONS);
                }
                final long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds());
                System.out.printf("[%s] %d transactions from %d clients in %d s (%d/s)%n", release, TRANSACTIONS, CLIENTS, seconds,
                    TRANSACTIONS / seconds);

                final long last = SourceBinlog.lastSequence(server);
                assertThat(last - firstOfLoad + 1).as("transactions of the load the source binlogged").isEqualTo(TRANSACTIONS);
                assertThat(ReplicationChecks.semisyncStatus(server, "status")).as("semisync status after the load").isEqualTo(1);
                assertThat(ReplicationChecks.semisyncStatus(server, "no_tx")).as("transactions not acknowledged").isEqualTo(noTxBefore);
                final long yesTx = ReplicationChecks.semisyncStatus(server, "yes_tx") - yesTxBefore;
                if (release.flavor() == Flavor.MYSQL)
                {
                    assertThat(yesTx).as("acknowledged group commits").isPositive();
                }
                else
                {
                    assertThat(yesTx).as("acknowledged transactions").isGreaterThanOrEqualTo(TRANSACTIONS);
                }

                ReplicationChecks.awaitStored(server, dataDir, last, Duration.ofSeconds(30), replica);
                replica.stop();
                ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
            }
        }
    }
}

package io.semisync.it.replica;

import io.semisync.replica.ReplicaState;
import io.semisync.it.SourceRelease;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica's JVM is killed with SIGKILL at random moments under load and started again on the same data
 * directory: the transaction of the last ACK it reported is in its relay log after each kill, and afterwards the relay log holds every transaction the source committed since the replica first
 * started, exactly once and in order, and nothing the source did not commit.
 */
class ReplicaKillIT
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final int KILLS = 5;
    private static final int CLIENTS = 3;
    /** No bound in number: the load runs while the replica is killed and restarted, then stops. */
    private static final long UNBOUNDED = Long.MAX_VALUE;
    private static final int ROWS_PER_TRANSACTION = 2;

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void everyCommittedTransactionSurvivesKillNineExactlyOnce(final SourceRelease release, @TempDir final Path dataDir)
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        System.out.printf("[%s] kill moments from seed %d%n", release, seed);
        final Path logDir = ReplicaLogs.directory(ReplicaKillIT.class, release);
        try (SourceServer server = release.start())
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            ReplicaProcess replica = ReplicaProcess.start("replica-0", server.host(), server.port(), server.replicationUser(), dataDir, logDir);
            try
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, UNBOUNDED, ROWS_PER_TRANSACTION, false))
                {
                    for (int kill = 1; kill <= KILLS; kill++)
                    {
                        replica.awaitStatus("streaming and an ACK before kill " + kill, CONNECT_TIMEOUT,
                            status -> status.state() == ReplicaState.STREAMING && !status.lastAck().isEmpty());
                        Waits.pause(Duration.ofMillis(200 + random.nextInt(1_500)));
                        assertThat(load.isDone()).as("the load has ended before kill %d", kill).isFalse();
                        final ReplicaStatusLine status = replica.lastStatus().orElseThrow();
                        replica.kill();
                        System.out.printf("[%s] kill -9 #%d after %d committed transactions; %s%n", release, kill, load.committed(),
                            status.line());
                        assertThat(RelayLogContents.read(dataDir).hasCommitPointAt(status.lastAck()))
                            .as("after kill %d the relay log holds the transaction acknowledged at %s", kill, status.lastAck())
                            .isTrue();
                        replica = ReplicaProcess.start("replica-" + kill, server.host(), server.port(), server.replicationUser(), dataDir,
                            logDir);
                    }
                    Waits.pause(Duration.ofSeconds(1));
                    load.stop();
                    System.out.printf("[%s] load stopped after %d transactions%n", release, load.await(Duration.ofSeconds(60)));
                }
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                final long last = SourceBinlog.lastSequence(server);
                ReplicationChecks.awaitStored(server, dataDir, last, Duration.ofSeconds(60), replica);
                replica.stop();
                ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
            }
            finally
            {
                replica.close();
            }
        }
    }
}

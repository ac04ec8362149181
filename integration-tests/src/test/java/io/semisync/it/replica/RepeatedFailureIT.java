package io.semisync.it.replica;

import io.semisync.it.SourceServerExtension;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event larger than {@code --replica-max-allowed-packet} fails the same way on every attempt: after a few attempts the
 * replica stops with a message that names the size and the setting to raise, exits non-zero and stores nothing of it,
 * instead of reconnecting forever.
 */
@ExtendWith(SourceServerExtension.class)
class RepeatedFailureIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CAP = 4096;
    private static final String LARGE_ROWS = "semisync_it.large_rows";

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void anEventOverThePacketCapStopsTheReplicaAfterAFewAttempts(final Flavor flavor, @TempDir final Path dataDir) throws Exception
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        SourceLoad.createTable(server);
        server.execute("CREATE TABLE IF NOT EXISTS " + LARGE_ROWS + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload MEDIUMTEXT NOT NULL)");
        try (ReplicaProcess replica = ReplicaProcess.start("capped", server.host(), server.port(), server.replicationUser(), dataDir,
            ReplicaLogs.directory(RepeatedFailureIT.class, flavor), "--replica-max-allowed-packet", Integer.toString(CAP),
            "--reconnect-min-backoff-ms", "10", "--reconnect-max-backoff-ms", "100"))
        {
            ReplicationChecks.awaitSemisyncConnected(replica, server, TIMEOUT);
            final CompletableFuture<Void> large = CompletableFuture.runAsync(() -> server.execute(
                "INSERT INTO " + LARGE_ROWS + " (payload) VALUES (REPEAT('x', " + 4 * CAP + "))"));
            Waits.until("the replica to stop", TIMEOUT, () -> !replica.isAlive(), replica::logTail);
            large.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(replica.exitValue()).as("exit code").isEqualTo(1);
            assertThat(replica.stderr()).contains("the same event failed the same way 5 times in a row", "larger than the maximum of "
                + CAP + " bytes", "raise --replica-max-allowed-packet");
            assertThat(replica.stderr().lines().filter(line -> line.contains("interrupted: PacketTooLargeException")))
                .as("reconnects before stopping").hasSize(4);
            assertThat(RelayLogContents.read(dataDir).anomalies()).isEmpty();
        }
    }
}

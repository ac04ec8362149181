package io.semisync.it.replica;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tagged GTIDs (MySQL 8.3+, {@code gtid_next='AUTOMATIC:<tag>'}) are not supported yet. The replica says so and
 * stops, instead of storing a transaction it could not account for on resume: when one arrives in the stream
 * (nothing of it is stored, everything before it is), and when the source's GTIDs already hold one at the first start.
 */
class TaggedGtidIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The tagged commit waits for an ACK that never comes; a short semisync timeout lets it finish. */
    private static final SourceOptions SHORT_SEMISYNC_TIMEOUT = SourceOptions.defaults().withSemisyncTimeoutMillis(5_000);
    private static final String[] TAGGED_INSERT_IN_ONE_SESSION = {
        "SET gtid_next = 'AUTOMATIC:ops'",
        "INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-2, 'tagged')"};

    @Test
    void aTaggedTransactionInTheStreamStopsTheReplicaBeforeItIsStored(@TempDir final Path dataDir) throws Exception
    {
        final Path logDir = ReplicaLogs.directory(TaggedGtidIT.class, Flavor.MYSQL);
        try (SourceServer server = SourceServers.start(Flavor.MYSQL, SHORT_SEMISYNC_TIMEOUT);
            ReplicaProcess replica = ReplicaProcess.start("streaming", server.host(), server.port(), server.replicationUser(), dataDir, logDir))
        {
            SourceLoad.createTable(server);
            ReplicationChecks.awaitSemisyncConnected(replica, server, TIMEOUT);
            server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-2, 'untagged')");
            final String untaggedEnd = SourceBinlog.gtid(server, SourceBinlog.lastSequence(server));

            final CompletableFuture<Void> tagged = CompletableFuture.runAsync(() -> server.execute(TAGGED_INSERT_IN_ONE_SESSION));
            Waits.until("the replica to stop", TIMEOUT, () -> !replica.isAlive(), replica::logTail);
            tagged.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(replica.exitValue()).as("exit code").isEqualTo(1);
            assertThat(replica.stderr()).contains("tagged GTID", "stops before storing it");
            final RelayLogContents relayLog = RelayLogContents.read(dataDir);
            assertThat(relayLog.hasCommitted(untaggedEnd)).as("the transaction before the tagged one is stored").isTrue();
            assertThat(relayLog.events()).noneMatch(event -> event.type() == BinlogEventType.GTID_TAGGED);
            assertThat(relayLog.anomalies()).isEmpty();
        }
    }

    @Test
    void aSourceWhoseGtidsHoldATagIsRefusedAtTheFirstStart(@TempDir final Path dataDir)
    {
        final Path logDir = ReplicaLogs.directory(TaggedGtidIT.class, Flavor.MYSQL);
        try (SourceServer server = SourceServers.start(Flavor.MYSQL, SHORT_SEMISYNC_TIMEOUT))
        {
            SourceLoad.createTable(server);
            server.execute(TAGGED_INSERT_IN_ONE_SESSION);
            assertThat(server.queryValue("SELECT @@global.gtid_executed")).as("the source's GTIDs").contains(":ops:");
            try (ReplicaProcess replica = ReplicaProcess.start("first-start", server.host(), server.port(), server.replicationUser(), dataDir,
                logDir))
            {
                Waits.until("the replica to stop", TIMEOUT, () -> !replica.isAlive(), replica::logTail);
                assertThat(replica.exitValue()).as("exit code").isEqualTo(1);
                assertThat(replica.stderr()).contains("cannot start from the GTIDs of", "tag 'ops'", "not supported");
            }
        }
    }
}

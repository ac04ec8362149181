package io.semisync.it.replica;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second replica started with the server_id of one that streams from the same MySQL source finds the first registered
 * with that server_id, says so and what to do, and stops (exit 1) without disturbing the first, which streams on. (A
 * MariaDB source lists its replicas only to REPLICATION MASTER ADMIN; it ends the older of two dumps with one server_id
 * instead, and the replica that hears why, ER_SLAVE_SAME_ID, stops saying the same: see docs/reliability.md.)
 */
@ExtendWith(SourceServerExtension.class)
class DuplicateServerIdIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aSecondReplicaWithTheServerIdOfAStreamingOneStopsSayingWhatToDo(
        @Source(Flavor.MYSQL) final SourceServer server, @TempDir final Path firstDataDir, @TempDir final Path secondDataDir)
    {
        SourceLoad.createTable(server);
        final Path logs = ReplicaLogs.directory(DuplicateServerIdIT.class, Flavor.MYSQL);
        try (ReplicaProcess first = ReplicaProcess.start("first", server.host(), server.port(), server.replicationUser(), firstDataDir, logs))
        {
            ReplicationChecks.awaitSemisyncConnected(first, server, TIMEOUT);
            try (ReplicaProcess second = ReplicaProcess.start("second", server.host(), server.port(), server.replicationUser(), secondDataDir,
                logs))
            {
                Waits.until("the second replica's stop", TIMEOUT, () -> !second.isAlive(), second::logTail);
                assertThat(second.exitValue()).as("the second replica's exit code").isEqualTo(1);
                assertThat(second.stderr()).as("the second replica's log")
                    .contains("another replica is registered on the source with our server_id 4242 (host semisync-replica, Replica_UUID")
                    .contains("give each replica of the source a server_id of its own (--server-id) and restart");
            }
            try (SourceLoad load = SourceLoad.start(server, 2, 100, 1, false))
            {
                load.await(TIMEOUT);
            }
            ReplicationChecks.awaitStored(server, firstDataDir, SourceBinlog.lastSequence(server), TIMEOUT, first);
            assertThat(first.lastStatus().orElseThrow().connects()).as("streams the first replica started").isEqualTo(1);
            first.stop();
        }
    }
}

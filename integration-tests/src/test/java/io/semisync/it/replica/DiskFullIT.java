package io.semisync.it.replica;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import io.semisync.storage.relaylog.FreeSpaceGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay log's disk fills up under load (a small tmpfs the test mounts, filled by a file of its own): the replica
 * stops acknowledging, says that the disk is full and what to do, keeps what it stored intact, stays up, and
 * resumes by itself without gap or duplicate once the space is freed.
 */
class DiskFullIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int FILE_SYSTEM_MEGABYTES = 64;
    /** What is left above the replica's reserve: a few hundred transactions of the load. */
    private static final long ROOM_BYTES = 256 * 1024;
    private static final long UNBOUNDED = Long.MAX_VALUE;

    @Test
    void aFullDiskStopsTheAcksSaysWhatToDoAndReplicationResumesWhenSpaceIsFreed(@TempDir final Path dir)
    {
        try (SourceServer server = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withSemisyncTimeoutMillis(1_000));
            SmallFileSystem disk = SmallFileSystem.mount(dir.resolve("small-disk"), FILE_SYSTEM_MEGABYTES))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            final Path dataDir = disk.path().resolve("data");
            try (ReplicaProcess replica = ReplicaProcess.start("replica", server.host(), server.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(DiskFullIT.class, Flavor.MYSQL)))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, TIMEOUT);
                disk.fillLeaving(FreeSpaceGuard.RESERVE_BYTES + ROOM_BYTES);
                try (SourceLoad load = SourceLoad.start(server, 2, UNBOUNDED, 1, false))
                {
                    Waits.until("the replica's word that the disk is full", TIMEOUT, () -> replica.stderr().contains("is full"),
                        () -> "usable " + disk.usableSpace() + " bytes" + replica.logTail());
                    final ReplicaStatusLine full = replica.awaitStatus("the disk-full error in the status", TIMEOUT,
                        status -> status.line().contains("RelayLogFullException"));
                    final long committed = load.committed();
                    Waits.until("commits while the disk is full", TIMEOUT, () -> load.committed() > committed + 50, replica::logTail);
                    final ReplicaStatusLine stillFull = replica.awaitStatus("another attempt refused for the full disk", TIMEOUT,
                        status -> status.connects() > full.connects() && status.line().contains("RelayLogFullException"));
                    // an ACK for what was stored before may be sent again after a reconnect, never one for anything newer
                    assertThat(stillFull.lastAck()).as("the position acknowledged while the disk is full").isEqualTo(full.lastAck());
                    assertThat(replica.stderr()).as("the replica's log")
                        .contains("the file system of the relay log in " + dataDir.resolve("relay-log") + " is full")
                        .contains("Free space on that file system")
                        .contains("replication resumes by itself once there is room");
                    assertThat(RelayLogContents.read(dataDir).anomalies()).as("anomalies in the relay log while full").isEmpty();

                    disk.free();
                    ReplicationChecks.awaitSemisyncConnected(replica, server, TIMEOUT);
                    final long resumed = load.committed();
                    Waits.until("commits after the space was freed", TIMEOUT, () -> load.committed() > resumed + 50, replica::logTail);
                    load.stop();
                    load.await(TIMEOUT);
                }
                ReplicationChecks.stopCaughtUpAndAssertHoldsExactly(server, dataDir, first, replica, TIMEOUT);
            }
        }
    }
}

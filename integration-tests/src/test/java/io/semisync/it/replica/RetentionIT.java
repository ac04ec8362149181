package io.semisync.it.replica;

import io.semisync.replica.DataDirectory;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention by size on a running replica: with one relay-log file a minute and a 1-byte limit, the files before the
 * one holding the last commit point are deleted while the replica streams, and the replica resumes after a restart.
 */
class RetentionIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A file boundary (one a minute) and a retention pass (every 10 s), with room to spare. */
    private static final Duration RETENTION_TIMEOUT = Duration.ofSeconds(150);

    @Test
    void oldRelayLogFilesAreDeletedWhileStreamingAndTheReplicaResumesAfterwards(@TempDir final Path dataDir) throws IOException
    {
        final Path logDir = ReplicaLogs.directory(RetentionIT.class, Flavor.MYSQL);
        final String[] retention = {"--relay-log-files", "MINUTELY", "--retention-max-bytes", "1"};
        try (SourceServer server = SourceServers.start(Flavor.MYSQL))
        {
            SourceLoad.createTable(server);
            try (ReplicaProcess replica = ReplicaProcess.start("retention", server.host(), server.port(), server.replicationUser(), dataDir,
                logDir, retention))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, TIMEOUT);
                final List<Path> firstFiles = cycleFiles(dataDir);
                assertThat(firstFiles).isNotEmpty();
                Waits.until("retention to delete a relay-log file", RETENTION_TIMEOUT, () ->
                {
                    server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-3, 'retention')");
                    Waits.pause(Duration.ofMillis(500));
                    return replica.stderr().contains("retention deleted");
                }, replica::logTail);
                // the oldest file at the start goes; a second one (a minute began as the replica started) may still be current
                assertThat(cycleFiles(dataDir)).as("relay-log files after retention").doesNotContain(firstFiles.get(0));
                replica.stop();
            }
            server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-3, 'after restart')");
            final String last = SourceBinlog.gtid(server, SourceBinlog.lastSequence(server));
            try (ReplicaProcess replica = ReplicaProcess.start("retention-restart", server.host(), server.port(), server.replicationUser(),
                dataDir, logDir, retention))
            {
                ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), TIMEOUT, replica);
                final RelayLogContents relayLog = RelayLogContents.read(dataDir);
                assertThat(relayLog.hasCommitted(last)).isTrue();
                assertThat(relayLog.anomalies()).isEmpty();
                replica.stop();
            }
        }
    }

    private static List<Path> cycleFiles(final Path dataDir) throws IOException
    {
        try (Stream<Path> files = Files.list(DataDirectory.relayLogOf(dataDir)))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

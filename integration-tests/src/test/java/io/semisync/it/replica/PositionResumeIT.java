package io.semisync.it.replica;

import io.semisync.replica.ReplicaState;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MySQL source with {@code gtid_mode=OFF}: the replica starts at the source's current binlog file and position,
 * follows it as a semisync replica, and after each kill -9 resumes from the end of the last transaction its relay
 * log holds. Afterwards the relay log holds every event the source wrote after the start, once and in order.
 * (MariaDB always writes GTIDs; this path is MySQL's.)
 */
class PositionResumeIT
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final int KILLS = 2;
    private static final int CLIENTS = 3;
    private static final long UNBOUNDED = Long.MAX_VALUE;

    @Test
    void resumesByFileAndPositionWithoutGapOrDuplicate(@TempDir final Path dataDir)
    {
        final Path logDir = ReplicaLogs.directory(PositionResumeIT.class, Flavor.MYSQL);
        try (SourceServer server = SourceServers.start(Flavor.MYSQL))
        {
            SourceLoad.createTable(server);
            server.execute("SET GLOBAL gtid_mode = ON_PERMISSIVE", "SET GLOBAL gtid_mode = OFF_PERMISSIVE", "SET GLOBAL gtid_mode = OFF");
            final String start = currentPosition(server);
            ReplicaProcess replica = ReplicaProcess.start("replica-0", server.host(), server.port(), server.replicationUser(), dataDir, logDir);
            try
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                assertThat(replica.stderr()).as("the replica's log").contains("after position [" + start + "]");
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, UNBOUNDED, 1, false))
                {
                    for (int kill = 1; kill <= KILLS; kill++)
                    {
                        replica.awaitStatus("streaming before kill " + kill, CONNECT_TIMEOUT, status -> status.state() == ReplicaState.STREAMING);
                        Waits.pause(Duration.ofMillis(700));
                        replica.kill();
                        replica = ReplicaProcess.start("replica-" + kill, server.host(), server.port(), server.replicationUser(), dataDir,
                            logDir);
                        ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                        assertThat(replica.stderr()).as("the log of the replica started after kill %d", kill).contains("after position [");
                    }
                    load.stop();
                    System.out.printf("[position resume] load stopped after %d transactions%n", load.await(Duration.ofSeconds(60)));
                }
                final String end = currentPosition(server);
                final ReplicaProcess running = replica;
                Waits.until("the source's last event " + end + " in the relay log", CONNECT_TIMEOUT,
                    () -> RelayLogContents.read(dataDir).hasCommitPointAt(end), () -> RelayLogContents.read(dataDir).summary() + running.logTail());
                replica.stop();
                assertThat(storedAfter(dataDir, start)).as("events in the relay log after " + start)
                    .isNotEmpty()
                    .containsExactlyElementsOf(sourceEventsAfter(server, start));
            }
            finally
            {
                replica.close();
            }
        }
    }

    @Test
    void aRelayLogThatResumesByGtidRefusesASourceWithoutGtids(@TempDir final Path dataDir)
    {
        final Path logDir = ReplicaLogs.directory(PositionResumeIT.class, Flavor.MYSQL);
        try (SourceServer server = SourceServers.start(Flavor.MYSQL))
        {
            try (ReplicaProcess replica = ReplicaProcess.start("gtid-replica", server.host(), server.port(), server.replicationUser(), dataDir,
                logDir))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                replica.stop();
            }
            server.execute("SET GLOBAL gtid_mode = ON_PERMISSIVE", "SET GLOBAL gtid_mode = OFF_PERMISSIVE", "SET GLOBAL gtid_mode = OFF");
            try (ReplicaProcess replica = ReplicaProcess.start("gtid-replica-again", server.host(), server.port(), server.replicationUser(),
                dataDir, logDir))
            {
                Waits.until("the replica to give up", CONNECT_TIMEOUT, () -> !replica.isAlive(), replica::logTail);
                assertThat(replica.exitValue()).as("exit code").isEqualTo(1);
                assertThat(replica.stderr()).contains("resumes by GTID", "has gtid_mode OFF", "set gtid_mode=ON on the source");
            }
        }
    }

    private static String currentPosition(final SourceServer server)
    {
        final List<String> status = server.query("SHOW BINARY LOG STATUS").get(0);
        return status.get(0) + ":" + status.get(1);
    }

    /** {@code file:end-position} of every event of the source's binlogs after {@code start}. */
    private static List<String> sourceEventsAfter(final SourceServer server, final String start)
    {
        final List<String> events = new ArrayList<>();
        for (final List<String> log : server.query("SHOW BINARY LOGS"))
        {
            for (final List<String> event : server.query("SHOW BINLOG EVENTS IN '" + log.get(0) + "'"))
            {
                final String position = log.get(0) + ":" + event.get(4);
                if (isAfter(position, start))
                {
                    events.add(position);
                }
            }
        }
        return events;
    }

    private static List<String> storedAfter(final Path dataDir, final String start)
    {
        return RelayLogContents.read(dataDir).events().stream()
            .map(RelayLogContents.StoredEvent::position)
            .filter(position -> isAfter(position, start))
            .toList();
    }

    private static boolean isAfter(final String position, final String start)
    {
        final int split = position.lastIndexOf(':');
        final int startSplit = start.lastIndexOf(':');
        final int files = position.substring(0, split).compareTo(start.substring(0, startSplit));
        return files > 0 || files == 0 && Long.parseLong(position.substring(split + 1)) > Long.parseLong(start.substring(startSplit + 1));
    }
}

package io.semisync.it.replica;

import io.semisync.it.SourceRelease;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash cycles of the replica under a semisync write load on a source of its own: the replica's JVM is killed
 * with SIGKILL at a random moment (with {@link Crash#POWER_LOSS}, on a {@link FaultyFileSystem} that then loses power:
 * each page written since its file's last fsync reaches the disk or not, and the page cache is gone), and before it
 * starts again on the same data directory (after a power loss: once it has recovered its relay log, which cuts what the
 * power loss tore) every transaction whose commit had returned OK to a client is in its relay log, and none is stored
 * twice. The source waits for our ACK
 * however long the replica is away ({@code wait_no_replica} ON, a 10-minute timeout), so no commit returns OK
 * without our ACK: its count of commits without one ({@code *_no_tx}) must not move. At the end the relay log
 * holds exactly the source's transactions since the replica first started. The loop of {@code CrashLoopIT} and of
 * {@code scripts/crash-loop}.
 */
final class CrashLoop
{
    /** What each cycle does to the replica. */
    enum Crash
    {
        /** SIGKILL: the page cache keeps what was written. */
        KILL_NINE("kill -9"),
        /** SIGKILL, then a power loss of the relay log's file system: unsynced pages reach the disk or not, at random. */
        POWER_LOSS("power loss");

        private final String label;

        Crash(final String label)
        {
            this.label = label;
        }

        @Override
        public String toString()
        {
            return label;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_KILL_DELAY_MILLIS = 1_500;
    /** No bound in number: the load runs while the replica is killed and restarted, then stops. */
    private static final long UNBOUNDED = Long.MAX_VALUE;

    private final SourceRelease release;
    private final Flavor flavor;
    private final Crash crash;
    private final int cycles;
    private final int clients;
    private final Path workDir;
    private final Path logDir;
    private Path dataDir;

    /**
     * @param crash   what each cycle does
     * @param cycles  cycles to run
     * @param clients client threads of the write load, each committing autocommit INSERTs
     * @param workDir an empty directory for the replica's data directory (and the file system it lives on)
     */
    CrashLoop(final SourceRelease release, final Crash crash, final int cycles, final int clients, final Path workDir, final Path logDir)
    {
        this.release = release;
        this.flavor = release.flavor();
        this.crash = crash;
        this.cycles = cycles;
        this.clients = clients;
        this.workDir = workDir;
        this.logDir = logDir;
    }

    /**
     * Runs the cycles, printing one line per kill and a summary.
     *
     * @throws AssertionError at the first acknowledged transaction missing, stored twice, or committed without our ACK
     */
    Result run()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final long started = System.nanoTime();
        System.out.printf("[%s] crash loop: %d %s cycles, %d clients, kill moments from seed %d%n", release, cycles, crash, clients, seed);
        try (SourceServer server = release.start();
            FaultyFileSystem disk = crash == Crash.POWER_LOSS ? FaultyFileSystem.mount(workDir.resolve("faultfs")) : null)
        {
            dataDir = (disk == null ? workDir : disk.path()).resolve("data");
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            final CommittedGtids committed = new CommittedGtids(flavor);
            ReplicaProcess replica = start(server, 0);
            try
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                // only now: a MariaDB source that waits with no replica would keep even the warm-up commits waiting
                server.execute("SET GLOBAL " + flavor.semisyncPrefix() + (flavor == Flavor.MYSQL ? "_wait_no_replica" : "_wait_no_slave") + " = ON");
                final long noAckCommits = ReplicationChecks.semisyncStatus(server, "no_tx");
                try (SourceLoad load = SourceLoad.recording(server, clients, UNBOUNDED, committed))
                {
                    for (int cycle = 1; cycle <= cycles; cycle++)
                    {
                        replica.awaitStatus("streaming and an ACK before kill " + cycle, CONNECT_TIMEOUT,
                            status -> status.isSemisyncStreaming() && !status.lastAck().isEmpty());
                        Waits.pause(Duration.ofMillis(random.nextInt(MAX_KILL_DELAY_MILLIS)));
                        assertThat(load.isDone()).as("the load has ended before kill %d", cycle).isFalse();
                        replica.kill();
                        final Set<String> acknowledged = committed.snapshot();
                        if (disk != null)
                        {
                            // a power loss leaves records torn after the last sync, which only recovery cuts: check after it
                            disk.losePower(random.nextInt(Integer.MAX_VALUE));
                            replica = start(server, cycle);
                            replica.awaitStatus("the relay log recovered after power loss " + cycle, CONNECT_TIMEOUT, status -> true);
                        }
                        final int stored = assertAllStored(acknowledged, cycle);
                        assertThat(ReplicationChecks.semisyncStatus(server, "no_tx"))
                            .as("commits the source let through without our ACK, by kill %d", cycle)
                            .isEqualTo(noAckCommits);
                        System.out.printf("[%s] %s #%d: %d transactions committed OK so far, all in the relay log (%d stored)%n",
                            release, crash, cycle, acknowledged.size(), stored);
                        if (disk == null)
                        {
                            replica = start(server, cycle);
                        }
                    }
                    ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                    load.stop();
                    load.await(CONNECT_TIMEOUT);
                }
                ReplicationChecks.stopCaughtUpAndAssertHoldsExactly(server, dataDir, first, replica, CONNECT_TIMEOUT);
                final Result result = new Result(release, crash, cycles, clients, committed.size(), SourceBinlog.lastSequence(server) - first + 1,
                    Duration.ofNanos(System.nanoTime() - started));
                System.out.println(result.summary());
                return result;
            }
            finally
            {
                replica.close();
            }
        }
    }

    private ReplicaProcess start(final SourceServer server, final int cycle)
    {
        return ReplicaProcess.start("replica-" + cycle, server.host(), server.port(), server.replicationUser(), dataDir, logDir);
    }

    /** @return transactions stored in the dead replica's relay log */
    private int assertAllStored(final Set<String> acknowledged, final int cycle)
    {
        final RelayLogContents relayLog = RelayLogContents.read(dataDir);
        final List<String> stored = relayLog.committedGtids();
        final Set<String> unique = new HashSet<>(stored);
        assertThat(relayLog.anomalies()).as("anomalies in the relay log after crash %d", cycle).isEmpty();
        assertThat(unique).as("transactions stored more than once after crash %d", cycle).hasSameSizeAs(stored);
        final List<String> lost = new ArrayList<>();
        for (final String gtid : acknowledged)
        {
            if (!unique.contains(gtid))
            {
                lost.add(gtid);
            }
        }
        if (!lost.isEmpty())
        {
            throw new AssertionError("after crash " + cycle + " " + lost.size() + " of the " + acknowledged.size()
                + " transactions committed OK are not in the relay log, e.g. " + lost.subList(0, Math.min(10, lost.size()))
                + "; relay log: " + relayLog.summary());
        }
        return stored.size();
    }

    /**
     * What a crash loop did.
     *
     * @param committedOk  transactions whose commit returned OK to a client, each found in the relay log at the next kill
     * @param sourceTotal  the source's transactions since the replica first started, each found exactly once at the end
     */
    record Result(SourceRelease release, Crash crash, int cycles, int clients, long committedOk, long sourceTotal, Duration elapsed)
    {
        String summary()
        {
            return String.format("[%s] crash loop done: %d %s cycles in %d s under %d clients; %d transactions committed OK, "
                    + "each in the relay log at the next crash; 0 lost, 0 stored twice, 0 committed without our ACK; "
                    + "the relay log holds the source's %d transactions exactly once", release, cycles, crash, elapsed.toSeconds(), clients,
                committedOk, sourceTotal);
        }
    }
}

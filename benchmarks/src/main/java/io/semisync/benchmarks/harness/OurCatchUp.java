package io.semisync.benchmarks.harness;

import io.semisync.replica.DataDirectory;
import io.semisync.sources.SourceServer;
import io.semisync.storage.relaylog.RecoveredPosition;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Our replica catching up as a new user would start it: an empty data directory, {@code --start-position OLDEST},
 * {@code --semisync false}, timed from the JVM's start until it has stored the source's whole binlog and exited on
 * SIGTERM (whose final sync is included). It has stored everything when the source's dump thread says it has sent all
 * binlog and the loopback connection holds no byte that our process has not read (each read is stored before the
 * next is taken, and SIGTERM stores and syncs what was read); afterwards the relay log's last commit point is checked
 * against the end of the source's newest binlog file.
 */
final class OurCatchUp
{
    private static final Duration POLL = Duration.ofMillis(10);

    /**
     * How long it took.
     *
     * @param seconds           from starting the JVM until it had exited, everything stored and synced
     * @param streamingSeconds  the same from the moment its log says it started streaming
     * @param cpuSeconds        CPU its process had spent when everything was read (before SIGTERM and the final sync):
     *                          what a busy machine shares out, so it varies far less than the times
     * @param compilerSeconds   the part of {@code cpuSeconds} its JIT compiler threads spent
     */
    record Times(double seconds, double streamingSeconds, double cpuSeconds, double compilerSeconds)
    {
    }

    private OurCatchUp()
    {
    }

    /**
     * @param jvmArgs  JVM flags after the project's
     * @param binlogs  what the source holds, which must all be stored
     * @param timeout  the longest the whole run may take
     */
    static Times run(final Path jar, final List<String> jvmArgs, final SourceServer source, final SourceBinlogs binlogs,
        final String logName, final Duration timeout)
    {
        return run(jar, jvmArgs, source, binlogs, logName, timeout, dataDirectory -> { });
    }

    /**
     * As {@link #run(Path, List, SourceServer, SourceBinlogs, String, Duration)}, and hands the data directory, everything
     * stored and the replica stopped, to {@code stored} before it is removed.
     */
    static Times run(final Path jar, final List<String> jvmArgs, final SourceServer source, final SourceBinlogs binlogs,
        final String logName, final Duration timeout, final Consumer<Path> stored)
    {
        awaitNoDumpThread(source);
        final Path dataDirectory = CatchUpSettings.WORK_DIRECTORY.resolve("replica-data");
        try (Connection connection = DriverManager.getConnection(source.jdbcUrl(), source.admin().name(), source.admin().password()))
        {
            final Instant startedAt = Instant.now();
            final long started = System.nanoTime();
            try (OurReplicaProcess ours = OurReplicaProcess.start(jar, source, OurReplicaProcess.SERVER_ID, CatchUpSettings.WORK_DIRECTORY,
                logName, dataDirectory, jvmArgs, List.of("--start-position", "OLDEST", "--semisync", "false")))
            {
                awaitEverythingRead(connection, source, ours, started + timeout.toNanos());
                final double cpuSeconds = CpuSnapshot.take(ours.processId(), OptionalLong.empty()).replica() / CpuSnapshot.TICKS_PER_SECOND;
                final double compilerSeconds = CpuSnapshot.compilerTicks(ours.processId()) / CpuSnapshot.TICKS_PER_SECOND;
                ours.stop();
                final double seconds = (System.nanoTime() - started) / 1e9;
                final LocalTime streaming = ours.streamingStarted()
                    .orElseThrow(() -> new IllegalStateException("our replica's log says nothing of streaming" + ours.describe()));
                checkStored(dataDirectory, binlogs);
                stored.accept(dataDirectory);
                return new Times(seconds, seconds - secondsBetween(startedAt, streaming), cpuSeconds, compilerSeconds);
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot connect to " + source + " to watch its dump threads: " + ex.getMessage(), ex);
        }
    }

    /**
     * Polls the source's dump threads on one connection opened before our replica starts and kept open (a connection
     * opened for every 10 ms poll took a quarter of a core from the replica being timed on this 2-core machine), and
     * reads {@code /proc/net/tcp} (about 8 ms of the kernel's time here) only once the dump thread has sent all.
     */
    private static void awaitEverythingRead(final Connection connection, final SourceServer source, final OurReplicaProcess ours,
        final long deadline)
    {
        while (true)
        {
            ours.check();
            final List<DumpThreads.DumpThread> threads = DumpThreads.of(connection);
            if (threads.size() == 1 && threads.get(0).hasSentAll() && TcpQueues.drained(source.port(), threads.get(0).replicaPort()))
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("our replica did not catch up in time; the source's dump threads: " + threads + ours.describe());
            }
            Pause.millis(POLL.toMillis(), "our replica to catch up");
        }
    }

    /** Ends dump threads of earlier runs and waits until none is left, so the next one is ours. */
    static void awaitNoDumpThread(final SourceServer source)
    {
        DumpThreads.killAll(source);
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!DumpThreads.of(source).isEmpty())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the source still has dump threads 30 s after KILL: " + DumpThreads.of(source));
            }
            Pause.millis(POLL.toMillis(), "the source's dump threads to end");
        }
    }

    /** Seconds from {@code startedAt} to the next moment this machine's clock showed {@code timeOfDay}. */
    static double secondsBetween(final Instant startedAt, final LocalTime timeOfDay)
    {
        final ZonedDateTime start = startedAt.atZone(ZoneId.systemDefault());
        ZonedDateTime then = start.with(timeOfDay);
        if (then.isBefore(start.minusHours(12)))
        {
            then = then.plusDays(1);
        }
        return Math.max(0, Duration.between(start, then).toNanos() / 1e9);
    }

    private static void checkStored(final Path dataDirectory, final SourceBinlogs binlogs)
    {
        final RelayLogConfig config = new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDirectory)).readOnly(true);
        try (RelayLog relayLog = RelayLog.open(config.validate()))
        {
            final RecoveredPosition stored = relayLog.recoveredPosition();
            final SourceBinlogs.File newest = binlogs.newest();
            if (!newest.name().equals(stored.sourceFileName()) || stored.endPosition() < newest.bytes() || stored.droppedRecords() != 0)
            {
                throw new IllegalStateException("our replica stopped with its last commit point at " + stored.sourceFileName() + ":"
                    + stored.endPosition() + " (" + stored.droppedRecords() + " records after it), not at or after the end of the source's binlog "
                    + newest.name() + ":" + newest.bytes());
            }
        }
    }
}

package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.JvmOptions;
import io.semisync.sources.ReplicaJvm;
import io.semisync.sources.SourceEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our replica as production runs it: {@code java -jar replica-core.jar run} in a JVM of its own with the project's
 * JVM flags, a fresh data directory (so it starts at the source's current position unless told otherwise) and no TLS.
 * It prints a status line every second, so that {@link #countsAtRest} can read its counts between two loads. Stopping
 * it with SIGTERM makes it print its final counts and its ACK latency, which {@link #stop()} returns.
 */
final class OurReplicaProcess implements ReplicaUnderTest, AutoCloseable
{
    /** Our server_id towards the source; the native replica is 2. */
    static final long SERVER_ID = 101;
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    /** Time for ACKs of commits that have returned to be counted, before the next status line is trusted to hold them. */
    private static final Duration SETTLE = Duration.ofMillis(50);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(30);
    /** The log line of {@code Replica} when a stream starts: its time as logback prints it. */
    private static final Pattern STREAMING = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) INFO\\s+Replica - streaming from",
        Pattern.MULTILINE);

    /** What our replica printed when it stopped. */
    record Exit(AckLatencyBreakdown ackLatency, OurReplicaCounts counts)
    {
    }

    private final ReplicaJvm jvm;
    private final Path dataDirectory;

    private OurReplicaProcess(final ReplicaJvm jvm, final Path dataDirectory)
    {
        this.jvm = jvm;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the replica against {@code source} with an empty data directory.
     *
     * @param logName        names the files {@code logName.out} and {@code logName.err} in {@code workDirectory}
     * @param dataDirectory  emptied first, and removed by {@link #close()}
     * @param moreRunArgs    further options of {@code run}, e.g. {@code --start-position OLDEST}
     */
    static OurReplicaProcess start(final Path jar, final SourceEndpoint source, final Path workDirectory, final String logName,
        final Path dataDirectory, final List<String> moreRunArgs)
    {
        return start(jar, source, SERVER_ID, workDirectory, logName, dataDirectory, moreRunArgs);
    }

    /** As {@link #start(Path, SourceEndpoint, Path, String, Path, List)}, with our server_id towards the source. */
    static OurReplicaProcess start(final Path jar, final SourceEndpoint source, final long serverId, final Path workDirectory,
        final String logName, final Path dataDirectory, final List<String> moreRunArgs)
    {
        return start(jar, source, serverId, workDirectory, logName, dataDirectory, List.of(), moreRunArgs);
    }

    /** As {@link #start(Path, SourceEndpoint, long, Path, String, Path, List)}, with JVM flags after the project's. */
    static OurReplicaProcess start(final Path jar, final SourceEndpoint source, final long serverId, final Path workDirectory,
        final String logName, final Path dataDirectory, final List<String> moreJvmArgs, final List<String> moreRunArgs)
    {
        Directories.deleteRecursively(dataDirectory);
        final List<String> runArgs = new ArrayList<>(List.of(
            "--source-host", source.host(),
            "--source-port", Integer.toString(source.port()),
            "--tls-mode", "DISABLED",
            "--allow-public-key-retrieval",
            "--server-id", Long.toString(serverId),
            "--data-dir", dataDirectory.toString(),
            "--status-interval-s", "1"));
        runArgs.addAll(moreRunArgs);
        final List<String> jvmArgs = new ArrayList<>(JvmOptions.load());
        jvmArgs.addAll(moreJvmArgs);
        final ReplicaJvm jvm = ReplicaJvm.start(jar, logName, workDirectory, source.replicationUser(), jvmArgs, runArgs);
        return new OurReplicaProcess(jvm, dataDirectory);
    }

    /** Throws with the end of the replica's log if its JVM has exited. */
    @Override
    public void check()
    {
        if (!jvm.isAlive())
        {
            throw new IllegalStateException("our replica exited with code " + jvm.exitValue() + "; its log begins: "
                + jvm.stderr().lines().findFirst().orElse("(empty)") + describe());
        }
    }

    /**
     * Its counts while nothing commits on the source: waits for the first status line printed after this call began
     * (one a second), so every ACK of a commit that had returned before is in it.
     */
    @Override
    public Optional<OurReplicaCounts> countsAtRest()
    {
        Pause.millis(SETTLE.toMillis(), "our replica's counts to settle");
        final long seen = OurReplicaCounts.lines(jvm.stdout());
        final long deadline = System.nanoTime() + STATUS_TIMEOUT.toNanos();
        while (true)
        {
            final String stdout = jvm.stdout();
            if (OurReplicaCounts.lines(stdout) > seen)
            {
                return OurReplicaCounts.last(stdout);
            }
            check();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("our replica printed no status line within " + STATUS_TIMEOUT.toSeconds() + " s" + describe());
            }
            Pause.millis(20, "a status line of our replica");
        }
    }

    /** Sends SIGTERM, waits for the JVM to exit and returns its final counts and the ACK latency it printed. */
    Exit stop()
    {
        jvm.stop(EXIT_TIMEOUT);
        final String stdout = jvm.stdout();
        return new Exit(AckLatencyBreakdown.parse(stdout), OurReplicaCounts.last(stdout).orElseThrow(
            () -> new IllegalStateException("our replica printed no final status on SIGTERM" + describe())));
    }

    /** Waits until its log says it streams from the source; throws with its log if it exits or does not in time. */
    void awaitStreaming()
    {
        final long deadline = System.nanoTime() + STREAMING_TIMEOUT.toNanos();
        while (streamingStarted().isEmpty())
        {
            check();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("our replica did not start streaming within " + STREAMING_TIMEOUT.toSeconds() + " s" + describe());
            }
            Pause.millis(50, "our replica to start streaming");
        }
    }

    /** When its log says it started streaming, as the time of day of this machine's clock. */
    Optional<LocalTime> streamingStarted()
    {
        final Matcher matcher = STREAMING.matcher(jvm.stderr());
        return matcher.find() ? Optional.of(LocalTime.parse(matcher.group(1))) : Optional.empty();
    }

    /** Kills the JVM if it still runs and removes its data directory; its stdout and stderr files stay. */
    @Override
    public void close()
    {
        jvm.close();
        Directories.deleteRecursively(dataDirectory);
    }

    /** The end of its stdout and of its log (stderr). */
    @Override
    public OptionalLong processId()
    {
        return OptionalLong.of(jvm.pid());
    }

    @Override
    public String describe()
    {
        return jvm.logTail(40, 20);
    }
}

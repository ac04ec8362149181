package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.JvmOptions;
import io.semisync.sources.ReplicaJvm;
import io.semisync.sources.SourceServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our replica as production runs it: {@code java -jar replica-core.jar run} in a JVM of its own with the project's
 * JVM flags, a fresh data directory (so it starts at the source's current position) and no TLS. Stopping it with
 * SIGTERM makes it print its ACK latency, which {@link #stop()} returns.
 */
final class OurReplicaProcess implements ReplicaUnderTest, AutoCloseable
{
    /** Our server_id towards the source; the native replica is 2. */
    static final long SERVER_ID = 101;
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final ReplicaJvm jvm;
    private final Path dataDirectory;

    private OurReplicaProcess(final ReplicaJvm jvm, final Path dataDirectory)
    {
        this.jvm = jvm;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the replica against {@code source}.
     *
     * @param logName  names the files {@code logName.out} and {@code logName.err} in {@code workDirectory}
     */
    static OurReplicaProcess start(final Path jar, final SourceServer source, final Path workDirectory, final String logName)
    {
        final Path dataDirectory = workDirectory.resolve("replica-data");
        deleteRecursively(dataDirectory);
        final List<String> runArgs = List.of(
            "--source-host", source.host(),
            "--source-port", Integer.toString(source.port()),
            "--tls-mode", "DISABLED",
            "--allow-public-key-retrieval",
            "--server-id", Long.toString(SERVER_ID),
            "--data-dir", dataDirectory.toString(),
            "--status-interval-s", "0");
        final ReplicaJvm jvm = ReplicaJvm.start(jar, logName, workDirectory, source.replicationUser(), JvmOptions.load(), runArgs);
        return new OurReplicaProcess(jvm, dataDirectory);
    }

    /** Throws with the end of the replica's log if its JVM has exited. */
    @Override
    public void check()
    {
        if (!jvm.isAlive())
        {
            throw new IllegalStateException("our replica exited with code " + jvm.exitValue() + describe());
        }
    }

    /** Sends SIGTERM, waits for the JVM to exit and returns the ACK latency it printed. */
    AckLatencyBreakdown stop()
    {
        jvm.stop(EXIT_TIMEOUT);
        return AckLatencyBreakdown.parse(jvm.stdout());
    }

    /** Kills the JVM if it still runs and removes its data directory; its stdout and stderr files stay. */
    @Override
    public void close()
    {
        jvm.close();
        deleteRecursively(dataDirectory);
    }

    /** The end of its stdout and of its log (stderr). */
    @Override
    public String describe()
    {
        return jvm.logTail(40, 20);
    }

    private static void deleteRecursively(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove our replica's data directory " + directory, ex);
        }
    }
}

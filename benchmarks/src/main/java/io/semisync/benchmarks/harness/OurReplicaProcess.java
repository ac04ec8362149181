package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.JvmOptions;
import io.semisync.sources.SourceServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Our replica as production runs it: {@code java -jar replica-core.jar run} in a JVM of its own with the project's
 * JVM flags, a fresh data directory (so it starts at the source's current position), no TLS, and stdout and
 * stderr in files. Stopping it with SIGTERM makes it print its ACK latency, which {@link #stop()} returns.
 * Every replica JVM still alive when the harness exits is killed.
 */
final class OurReplicaProcess implements ReplicaUnderTest, AutoCloseable
{
    /** Our server_id towards the source; the native replica is 2. */
    static final long SERVER_ID = 101;
    private static final long EXIT_TIMEOUT_SECONDS = 30;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-replica-jvms"));
    }

    private final Process process;
    private final Path dataDirectory;
    private final Path stdout;
    private final Path stderr;

    private OurReplicaProcess(final Process process, final Path dataDirectory, final Path stdout, final Path stderr)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts the replica against {@code source}.
     *
     * @param logName  names the files {@code logName.out} and {@code logName.err} in {@code workDirectory}
     */
    static OurReplicaProcess start(final Path jar, final SourceServer source, final Path workDirectory, final String logName)
    {
        final Path dataDirectory = workDirectory.resolve("replica-data");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.load());
        command.addAll(List.of("-jar", jar.toString(), "run",
            "--source-host", source.host(),
            "--source-port", Integer.toString(source.port()),
            "--user", source.replicationUser().name(),
            "--password-env", "SEMISYNC_SOURCE_PASSWORD",
            "--tls-mode", "DISABLED",
            "--allow-public-key-retrieval",
            "--server-id", Long.toString(SERVER_ID),
            "--data-dir", dataDirectory.toString(),
            "--status-interval-s", "0"));
        try
        {
            deleteRecursively(dataDirectory);
            Files.createDirectories(workDirectory);
            final Path out = workDirectory.resolve(logName + ".out");
            final Path err = workDirectory.resolve(logName + ".err");
            final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("SEMISYNC_SOURCE_PASSWORD", source.replicationUser().password());
            final Process process = builder.start();
            LIVE.add(process);
            return new OurReplicaProcess(process, dataDirectory, out, err);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start our replica: " + String.join(" ", command), ex);
        }
    }

    /** Throws with the end of the replica's log if its JVM has exited. */
    @Override
    public void check()
    {
        if (!process.isAlive())
        {
            throw new IllegalStateException("our replica exited with code " + process.exitValue() + describe());
        }
    }

    /** Sends SIGTERM, waits for the JVM to exit and returns the ACK latency it printed. */
    AckLatencyBreakdown stop()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("our replica did not exit within " + EXIT_TIMEOUT_SECONDS + " s of SIGTERM" + describe());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping our replica", ex);
        }
        finally
        {
            LIVE.remove(process);
        }
        return AckLatencyBreakdown.parse(read(stdout));
    }

    /** Kills the JVM if it still runs and removes its data directory; its stdout and stderr files stay. */
    @Override
    public void close()
    {
        try
        {
            if (process.isAlive())
            {
                process.destroyForcibly();
                process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            deleteRecursively(dataDirectory);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove our replica's data directory " + dataDirectory, ex);
        }
        finally
        {
            LIVE.remove(process);
        }
    }

    /** Its stdout and the end of its log (stderr). */
    @Override
    public String describe()
    {
        final List<String> lines = read(stderr).lines().toList();
        return "\n--- " + stdout + ":\n" + read(stdout) + "\n--- " + stderr + " (last 20 lines):\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        if (Files.exists(directory))
        {
            try (Stream<Path> paths = Files.walk(directory))
            {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(path);
                }
            }
        }
    }
}

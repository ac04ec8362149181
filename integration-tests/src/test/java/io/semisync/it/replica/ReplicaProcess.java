package io.semisync.it.replica;

import io.semisync.sources.SourceUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The replica's runnable jar in a JVM of its own ({@code run} command), with stdout and stderr captured to
 * files in a log directory so a test can read its status lines and its log, kill it with SIGKILL, or stop it
 * with SIGTERM. Every process still alive when the test JVM exits is killed.
 */
final class ReplicaProcess implements AutoCloseable
{
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final int SIGTERM_EXIT_CODE = 143;

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-replica-processes"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ReplicaProcess(final String name, final Process process, final Path stdout, final Path stderr)
    {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code java -jar <replica jar> run ...} against a source.
     *
     * @param name     names the log files ({@code name.out}, {@code name.err}) in {@code logDir}
     * @param host     the source's host (or a proxy's)
     * @param port     the source's port (or a proxy's)
     * @param user     the replication user; its password goes through the environment
     * @param dataDir  the replica's data directory
     * @param logDir   where stdout and stderr go
     * @param extraArgs further options of {@code run}
     */
    static ReplicaProcess start(
        final String name,
        final String host,
        final int port,
        final SourceUser user,
        final Path dataDir,
        final Path logDir,
        final String... extraArgs)
    {
        final String jar = System.getProperty("semisync.replica.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalStateException("no replica jar at semisync.replica.jar=" + jar
                + ": build it with mvn -pl replica-core package (failsafe sets the property)");
        }
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar", jar, "run",
            "--source-host", host,
            "--source-port", Integer.toString(port),
            "--user", user.name(),
            "--password-env", "SEMISYNC_SOURCE_PASSWORD",
            "--allow-public-key-retrieval",
            "--tls-mode", "DISABLED",
            "--server-id", "4242",
            "--data-dir", dataDir.toString(),
            "--heartbeat-ms", "1000",
            "--status-interval-s", "1"));
        command.addAll(List.of(extraArgs));
        try
        {
            Files.createDirectories(logDir);
            final Path out = logDir.resolve(name + ".out");
            final Path err = logDir.resolve(name + ".err");
            final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
            builder.environment().put("SEMISYNC_SOURCE_PASSWORD", user.password());
            final Process process = builder.start();
            LIVE.add(process);
            return new ReplicaProcess(name, process, out, err);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the replica " + command, ex);
        }
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** Kills the JVM with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    void kill()
    {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * Sends SIGTERM and waits for the clean shutdown: the JVM exits with 143 (128 + SIGTERM) after the replica
     * printed its final status.
     *
     * @throws AssertionError when the replica exits otherwise
     */
    void stop()
    {
        process.destroy();
        final int exitCode = awaitExit();
        if (exitCode != SIGTERM_EXIT_CODE || !stdout().contains("final status: STOPPED"))
        {
            throw new AssertionError("replica " + name + " exited with " + exitCode + " after SIGTERM, not " + SIGTERM_EXIT_CODE
                + " after printing its final status" + logTail());
        }
    }

    private int awaitExit()
    {
        try
        {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new AssertionError("replica " + name + " did not exit within " + EXIT_TIMEOUT.toSeconds() + " s" + logTail());
            }
            LIVE.remove(process);
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for replica " + name, ex);
        }
    }

    /** Everything the replica printed on stdout so far. */
    String stdout()
    {
        return read(stdout);
    }

    /** The replica's log (stderr) so far. */
    String stderr()
    {
        return read(stderr);
    }

    /** The last {@code status:} line printed, if any. */
    Optional<ReplicaStatusLine> lastStatus()
    {
        final String out = stdout();
        final List<String> lines = out.substring(0, out.lastIndexOf('\n') + 1).lines()
            .filter(line -> line.startsWith(ReplicaStatusLine.PREFIX))
            .toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(ReplicaStatusLine.parse(lines.get(lines.size() - 1)));
    }

    /**
     * Waits until the latest status line satisfies {@code condition}.
     *
     * @return that status line
     * @throws AssertionError naming {@code what}, the last status and the log when the time is up or the replica exits
     */
    ReplicaStatusLine awaitStatus(final String what, final Duration timeout, final Predicate<ReplicaStatusLine> condition)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final Optional<ReplicaStatusLine> status = lastStatus();
            if (status.isPresent() && condition.test(status.get()))
            {
                return status.get();
            }
            if (!process.isAlive())
            {
                throw new AssertionError("replica " + name + " exited with " + process.exitValue() + " while waiting for " + what
                    + logTail());
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("replica " + name + ": no " + what + " within " + timeout.toSeconds() + " s; last status: "
                    + status.map(ReplicaStatusLine::line).orElse("none") + logTail());
            }
            Waits.pause(Duration.ofMillis(200));
        }
    }

    /** The end of stdout and stderr, for failure messages. */
    String logTail()
    {
        return "\n--- " + stdout + " (tail) ---\n" + tail(stdout(), 5) + "\n--- " + stderr + " (tail) ---\n" + tail(stderr(), 25);
    }

    private static String tail(final String text, final int lines)
    {
        final List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
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

    /** Kills the process if it still runs. */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            kill();
        }
        LIVE.remove(process);
    }

    @Override
    public String toString()
    {
        return "replica " + name + " (pid " + process.pid() + ")";
    }
}

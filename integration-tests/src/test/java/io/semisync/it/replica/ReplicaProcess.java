package io.semisync.it.replica;

import io.semisync.sources.ReplicaJvm;
import io.semisync.sources.SourceUser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The replica as the integration tests run it: its runnable jar ({@code semisync.replica.jar}, set by failsafe) in a
 * JVM of its own, without TLS, with a status line every second that a test can wait on, killed with SIGKILL or
 * stopped with SIGTERM.
 */
public final class ReplicaProcess implements AutoCloseable
{
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final int SIGTERM_EXIT_CODE = 143;

    private final ReplicaJvm jvm;
    private final List<String> secrets = new ArrayList<>();

    private ReplicaProcess(final ReplicaJvm jvm)
    {
        this.jvm = jvm;
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
    public static ReplicaProcess start(
        final String name,
        final String host,
        final int port,
        final SourceUser user,
        final Path dataDir,
        final Path logDir,
        final String... extraArgs)
    {
        final String jar = System.getProperty("semisync.replica.jar");
        if (jar == null)
        {
            throw new IllegalStateException("system property semisync.replica.jar is not set: run the integration tests with mvn verify"
                + " (failsafe sets it)");
        }
        final List<String> runArgs = new ArrayList<>(List.of(
            "--source-host", host,
            "--source-port", Integer.toString(port),
            "--allow-public-key-retrieval",
            "--tls-mode", "DISABLED",
            "--server-id", "4242",
            "--data-dir", dataDir.toString(),
            "--heartbeat-ms", "1000",
            "--status-interval-s", "1"));
        runArgs.addAll(List.of(extraArgs));
        return new ReplicaProcess(ReplicaJvm.start(Path.of(jar), name, logDir, user, List.of("-Xmx256m"), runArgs)).secret(user.password());
    }

    public long pid()
    {
        return jvm.pid();
    }

    public boolean isAlive()
    {
        return jvm.isAlive();
    }

    /** The exit code; only once the JVM has exited. */
    public int exitValue()
    {
        return jvm.exitValue();
    }

    /** Kills the JVM with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    public void kill()
    {
        jvm.kill();
    }

    /**
     * Sends SIGTERM and waits for the clean shutdown: the JVM exits with 143 (128 + SIGTERM) after the replica
     * printed its final status.
     *
     * @throws AssertionError when the replica exits otherwise
     */
    public void stop()
    {
        final int exitCode = jvm.stop(EXIT_TIMEOUT);
        if (exitCode != SIGTERM_EXIT_CODE || !stdout().contains("final status: STOPPED"))
        {
            throw new AssertionError(jvm + " exited with " + exitCode + " after SIGTERM, not " + SIGTERM_EXIT_CODE
                + " after printing its final status" + logTail());
        }
    }

    /** Everything the replica printed on stdout so far. */
    public String stdout()
    {
        return jvm.stdout();
    }

    /** The replica's log (stderr) so far. */
    public String stderr()
    {
        return jvm.stderr();
    }

    /** The last {@code status:} line printed, if any. */
    public Optional<ReplicaStatusLine> lastStatus()
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
    public ReplicaStatusLine awaitStatus(final String what, final Duration timeout, final Predicate<ReplicaStatusLine> condition)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final Optional<ReplicaStatusLine> status = lastStatus();
            if (status.isPresent() && condition.test(status.get()))
            {
                return status.get();
            }
            if (!jvm.isAlive())
            {
                throw new AssertionError(jvm + " exited with " + jvm.exitValue() + " while waiting for " + what + logTail());
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError(jvm + ": no " + what + " within " + timeout.toSeconds() + " s; last status: "
                    + status.map(ReplicaStatusLine::line).orElse("none") + logTail());
            }
            Waits.pause(Duration.ofMillis(200));
        }
    }

    /** The end of stdout and stderr, for failure messages. */
    public String logTail()
    {
        return jvm.logTail(5, 25);
    }

    /** Adds a password that must never appear in what the replica prints (its replication user's always is one). */
    public ReplicaProcess secret(final String password)
    {
        secrets.add(password);
        return this;
    }

    /** Kills the process if it still runs, then checks that no password it knows appears in its log or status output. */
    @Override
    public void close()
    {
        jvm.close();
        NoSecrets.assertAbsent(jvm + " stdout", stdout(), secrets);
        NoSecrets.assertAbsent(jvm + " log", stderr(), secrets);
    }

    @Override
    public String toString()
    {
        return jvm.toString();
    }
}

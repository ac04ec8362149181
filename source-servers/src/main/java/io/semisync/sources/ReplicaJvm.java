package io.semisync.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The replica's runnable jar ({@code java -jar replica-core.jar run ...}) in a JVM of its own, as tests and
 * benchmarks run it against a source: the replication user's password goes through the environment, stdout
 * and stderr go to files, and it ends by SIGTERM ({@link #stop}) or SIGKILL ({@link #kill}). Every replica JVM
 * still alive when this JVM exits is killed.
 */
public final class ReplicaJvm implements AutoCloseable
{
    private static final String PASSWORD_VARIABLE = "SEMISYNC_SOURCE_PASSWORD";
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-replica-jvms"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ReplicaJvm(final String name, final Process process, final Path stdout, final Path stderr)
    {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code java [jvmArgs] -jar jar run --user U --password-env ... [runArgs]}.
     *
     * @param name    names the files {@code name.out} and {@code name.err} in {@code logDir}
     * @param user    the replication user; its password goes through the environment
     * @param jvmArgs options for the JVM itself
     * @param runArgs further options of {@code run}: source address, data directory, server id, ...
     */
    public static ReplicaJvm start(
        final Path jar, final String name, final Path logDir, final SourceUser user, final List<String> jvmArgs, final List<String> runArgs)
    {
        if (!Files.isRegularFile(jar))
        {
            throw new IllegalStateException("no replica jar at " + jar + ": build it with mvn -pl replica-core -am package");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "run", "--user", user.name(), "--password-env", PASSWORD_VARIABLE));
        command.addAll(runArgs);
        try
        {
            Files.createDirectories(logDir);
            final Path out = logDir.resolve(name + ".out");
            final Path err = logDir.resolve(name + ".err");
            final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put(PASSWORD_VARIABLE, user.password());
            final Process process = builder.start();
            LIVE.add(process);
            return new ReplicaJvm(name, process, out, err);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the replica " + String.join(" ", command), ex);
        }
    }

    public long pid()
    {
        return process.pid();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** The exit code; only once the JVM has exited. */
    public int exitValue()
    {
        return process.exitValue();
    }

    /** Kills the JVM with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    public void kill()
    {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Sends SIGTERM and waits for the JVM to exit (143, 128 + SIGTERM, after a clean shutdown).
     *
     * @return the exit code
     * @throws IllegalStateException if it has not exited in time (it is then killed)
     */
    public int stop(final Duration timeout)
    {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Everything the replica printed on stdout so far. */
    public String stdout()
    {
        return read(stdout);
    }

    /** The replica's log (stderr) so far. */
    public String stderr()
    {
        return read(stderr);
    }

    /** The last lines of stdout and of stderr, with their file names, for failure messages. */
    public String logTail(final int stdoutLines, final int stderrLines)
    {
        return "\n--- " + stdout + " (tail) ---\n" + tail(stdout(), stdoutLines) + "\n--- " + stderr + " (tail) ---\n"
            + tail(stderr(), stderrLines);
    }

    /** Kills the JVM if it still runs. */
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

    private int awaitExit(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException(this + " did not exit within " + timeout.toSeconds() + " s" + logTail(5, 25));
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + this, ex);
        }
        finally
        {
            if (!process.isAlive())
            {
                LIVE.remove(process);
            }
        }
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
}

package io.semisync.it.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar <replica jar> cdc ...} as a child process of its own, as a user runs it: its stdout and stderr go to
 * files, it is killed with SIGKILL (by its PID, through {@link Process#destroyForcibly()}) or runs to its end.
 */
public final class CdcProcess implements AutoCloseable
{
    private final Process process;
    private final Path out;
    private final Path err;

    private CdcProcess(final Process process, final Path out, final Path err)
    {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code cdc} with these options; {@code name} names its log files in {@code logDir}. */
    public static CdcProcess start(final String name, final Path logDir, final List<String> args)
    {
        return start(name, logDir, args, Map.of());
    }

    /** Starts {@code cdc} with these options and environment variables. */
    static CdcProcess start(final String name, final Path logDir, final List<String> args, final Map<String, String> environment)
    {
        final String jar = System.getProperty("semisync.replica.jar");
        if (jar == null)
        {
            throw new IllegalStateException("system property semisync.replica.jar is not set: run the integration tests with mvn verify");
        }
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-jar", jar, "cdc"));
        command.addAll(args);
        try
        {
            Files.createDirectories(logDir);
            final Path out = logDir.resolve(name + ".out");
            final Path err = logDir.resolve(name + ".err");
            final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            return new CdcProcess(builder.start(), out, err);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), ex);
        }
    }

    /** Waits for the end and returns the exit code. */
    public int await(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly().waitFor();
            throw new AssertionError("cdc (pid " + process.pid() + ") did not end within " + timeout.toSeconds() + " s" + logs());
        }
        return process.exitValue();
    }

    /** SIGKILL, then waits until it is gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then waits for the exit code. */
    int stop(final Duration timeout) throws InterruptedException
    {
        process.destroy();
        return await(timeout);
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    String stdout()
    {
        return read(out);
    }

    public String stderr()
    {
        return read(err);
    }

    public String logs()
    {
        return "\n--- " + out + " ---\n" + tail(stdout()) + "\n--- " + err + " ---\n" + tail(stderr());
    }

    private static String tail(final String text)
    {
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
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

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
    }
}

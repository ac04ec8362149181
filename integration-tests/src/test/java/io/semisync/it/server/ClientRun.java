package io.semisync.it.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command-line client: its exit code and what it printed. The process is killed (by its own
 * handle) if it does not end in time.
 *
 * @param exitCode  the client's exit code
 * @param stdout    standard output, UTF-8
 * @param stderr    standard error, UTF-8
 */
public record ClientRun(int exitCode, String stdout, String stderr)
{
    private static final long TIMEOUT_SECONDS = 30;

    public static ClientRun of(final List<String> command)
    {
        try
        {
            final Path out = Files.createTempFile("client-out", ".txt");
            final Path err = Files.createTempFile("client-err", ".txt");
            try
            {
                final Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("client did not finish within " + TIMEOUT_SECONDS + " s: " + command);
                }
                return new ClientRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            }
            finally
            {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run " + command + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Standard error without the clients' warning about a password on the command line. */
    String errors()
    {
        return stderr.lines().filter(line -> !line.contains("Using a password on the command line")).reduce("", (a, b) -> a + b + "\n");
    }
}

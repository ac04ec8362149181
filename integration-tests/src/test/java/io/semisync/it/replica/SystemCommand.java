package io.semisync.it.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command a test needs (mount, umount) and fails with its output when it does not succeed. */
final class SystemCommand
{
    private static final long TIMEOUT_SECONDS = 30;

    private SystemCommand()
    {
    }

    /**
     * @param command the command and its arguments.
     * @param hint    what the command needs, for the failure message.
     */
    static void run(final List<String> command, final String hint)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + hint + "): "
                    + new String(process.getInputStream().readAllBytes()));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, ex);
        }
    }
}

package io.semisync.it.replica;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting: every wait of these tests ends, with a message that says what did not happen. */
public final class Waits
{
    private static final Duration POLL = Duration.ofMillis(200);

    private Waits()
    {
    }

    /**
     * Polls until {@code condition} holds.
     *
     * @param what    what is awaited, for the failure message
     * @param details evaluated on failure: the state that explains it
     */
    public static void until(final String what, final Duration timeout, final BooleanSupplier condition, final Supplier<String> details)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s: " + details.get());
            }
            pause(POLL);
        }
    }

    public static void pause(final Duration duration)
    {
        try
        {
            Thread.sleep(duration.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}

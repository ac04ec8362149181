package io.semisync.benchmarks.harness;

/** The harness's waits on real processes between two looks at them. */
final class Pause
{
    private Pause()
    {
    }

    /** Sleeps, turning an interrupt into an exception that says what was being waited for. */
    static void millis(final long millis, final String waitingFor)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, ex);
        }
    }
}

package io.semisync.it.cdc;

import io.semisync.it.replica.Waits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CdcWorkload} running on a thread of its own, three transactions at a time with and without compression in
 * turn, while a test kills and restarts what reads its changes.
 */
final class BackgroundWorkload
{
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private BackgroundWorkload(final CdcWorkload workload, final String name)
    {
        thread = new Thread(() ->
        {
            try
            {
                boolean compressed = false;
                while (loading.get())
                {
                    workload.run(3, compressed);
                    compressed = !compressed;
                    Waits.pause(Duration.ofMillis(5));
                }
            }
            catch (final Exception ex)
            {
                failure.set(ex);
            }
        }, name);
    }

    static BackgroundWorkload start(final CdcWorkload workload, final String name)
    {
        final BackgroundWorkload load = new BackgroundWorkload(workload, name);
        load.thread.start();
        return load;
    }

    /** Stops after the transactions under way; returns what made it stop early, null if nothing did. */
    Throwable stop() throws InterruptedException
    {
        loading.set(false);
        thread.join();
        return failure.get();
    }
}

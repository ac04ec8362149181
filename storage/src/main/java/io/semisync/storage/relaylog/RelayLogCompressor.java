package io.semisync.storage.relaylog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link RelayLog#compressClosedFiles} periodically on a thread of its own, so that compressing a large file never
 * holds up the thread that appends and ACKs. A failed pass is logged and tried again at the next period.
 */
public final class RelayLogCompressor implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RelayLogCompressor.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final ScheduledExecutorService executor;

    private RelayLogCompressor(final ScheduledExecutorService executor)
    {
        this.executor = executor;
    }

    /** Starts compressing the closed files of {@code relayLog} every {@code period}, the first time after one period. */
    public static RelayLogCompressor start(final RelayLog relayLog, final Duration period)
    {
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "relay-log-compression");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() ->
        {
            try
            {
                relayLog.compressClosedFiles();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("compressing closed relay log files failed, retrying in {} s: {}", period.toSeconds(), ex.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new RelayLogCompressor(executor);
    }

    /** Stops; a compression under way is interrupted (the file it worked on stays uncompressed). */
    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                LOG.warn("relay log compression did not stop within {} s", CLOSE_TIMEOUT_SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

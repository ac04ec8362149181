package io.semisync.replica;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Runs a task on another thread and waits a bounded time for its answer, with a fallback for a busy or stopped thread. */
final class BoundedWait
{
    private BoundedWait()
    {
    }

    /** {@code task}'s answer on {@code executor}, or {@code fallback}'s when it fails, is refused or takes longer than {@code wait}. */
    static <T> T answer(final ExecutorService executor, final Supplier<T> task, final Duration wait, final Supplier<T> fallback)
    {
        try
        {
            return executor.submit(task::get).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return fallback.get();
        }
        catch (final ExecutionException | TimeoutException | RejectedExecutionException ex)
        {
            return fallback.get();
        }
    }
}

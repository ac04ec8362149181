package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;

/**
 * Makes everything appended so far durable, or throws. The one call that stands between an append and a semisync
 * ACK: never ACK before {@link #sync()} returned.
 */
public interface DurabilityBarrier extends AutoCloseable
{
    /**
     * Makes everything appended so far durable.
     *
     * @throws DurabilityException if that cannot be guaranteed; nothing appended since the last successful sync may
     *                             then be considered durable.
     */
    void sync();

    /**
     * Prepares, on the appending thread, a sync of everything appended so far that another thread can run while
     * appending goes on: for bulk syncs nobody waits for. The default syncs here and returns a sync with nothing
     * left to do; a barrier that can sync from another thread captures what to sync instead.
     *
     * @return the sync, to run once on any thread; it throws {@link DurabilityException} as {@link #sync()} does.
     * @throws DurabilityException if the part that runs here fails.
     */
    default Runnable prepareSync()
    {
        sync();
        return () ->
        {
        };
    }

    /**
     * @return whether {@link #sync()} really reaches stable storage (false only for the benchmark no-op).
     */
    boolean isDurable();

    /**
     * Releases open files.
     */
    @Override
    void close();
}

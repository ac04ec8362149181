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
     * @return whether {@link #sync()} really reaches stable storage (false only for the benchmark no-op).
     */
    boolean isDurable();

    /**
     * Releases open files.
     */
    @Override
    void close();
}

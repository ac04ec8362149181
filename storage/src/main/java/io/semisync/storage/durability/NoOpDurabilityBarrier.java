package io.semisync.storage.durability;

/**
 * A barrier that does nothing: for benchmarks that measure everything but the disk. Never use it where an ACK
 * promises durability.
 */
public final class NoOpDurabilityBarrier implements DurabilityBarrier
{
    @Override
    public void sync()
    {
    }

    @Override
    public boolean isDurable()
    {
        return false;
    }

    @Override
    public void close()
    {
    }
}

package io.semisync.storage;

/**
 * A sync failed or cannot be real: nothing appended since the last successful sync may be considered durable.
 */
public final class DurabilityException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public DurabilityException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong and where.
     * @param cause   the underlying failure.
     */
    public DurabilityException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /**
     * A sync the system reported as failed: says so with the system's reason, and what happens and what to do next.
     *
     * @param what  the sync, e.g. {@code "fdatasync of FILE"}.
     * @param cause the system's error.
     * @return the exception to throw.
     */
    public static DurabilityException syncFailed(final String what, final Throwable cause)
    {
        return new DurabilityException(what + " failed (" + cause.getMessage() + "): the disk may not hold what was written since the "
            + "last good sync, so nothing after it is acknowledged and the relay log takes no more writes; check the disk (dmesg, the "
            + "file system), then restart: the relay log is recovered from what the disk holds, not from the page cache, and the "
            + "source sends the rest again", cause);
    }
}

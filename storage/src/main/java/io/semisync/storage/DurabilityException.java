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
}

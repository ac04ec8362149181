package io.semisync.storage;

/**
 * The GTID checkpoint side file exists but cannot be trusted (bad magic, version, length or checksum).
 */
public final class CorruptGtidCheckpointException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public CorruptGtidCheckpointException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong and where.
     * @param cause   the underlying failure.
     */
    public CorruptGtidCheckpointException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

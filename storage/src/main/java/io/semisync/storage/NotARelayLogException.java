package io.semisync.storage;

/**
 * A directory given as a relay log is not one (wrong kind of file, foreign files, no marker).
 */
public final class NotARelayLogException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public NotARelayLogException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong and where.
     * @param cause   the underlying failure.
     */
    public NotARelayLogException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

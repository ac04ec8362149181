package io.semisync.storage;

/**
 * Base of every error the relay log reports: a bad input, a bad stored byte or a failed sync. Each subclass names
 * what was wrong and where, so an operator can act without reading the code.
 */
public class RelayLogException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public RelayLogException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong and where.
     * @param cause   the underlying failure.
     */
    public RelayLogException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

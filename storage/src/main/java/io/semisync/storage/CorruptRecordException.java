package io.semisync.storage;

/**
 * A stored record's lengths or fields are impossible; names the index and what was found.
 */
public final class CorruptRecordException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public CorruptRecordException(final String message)
    {
        super(message);
    }
}

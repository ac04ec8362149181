package io.semisync.storage;

/**
 * An event or metadata field is larger than the relay log can store in one record.
 */
public final class RecordTooLargeException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public RecordTooLargeException(final String message)
    {
        super(message);
    }
}

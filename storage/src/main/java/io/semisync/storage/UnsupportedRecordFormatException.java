package io.semisync.storage;

/**
 * A stored record carries a format version this code does not know; names the index and the version found.
 */
public final class UnsupportedRecordFormatException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public UnsupportedRecordFormatException(final String message)
    {
        super(message);
    }
}

package io.semisync.storage;

/**
 * The relay log's file system has too little space left for the next record. Nothing of the record was written and
 * the writer stays usable: appending again once space has been freed succeeds.
 */
public final class RelayLogFullException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, where, and what to do.
     */
    public RelayLogFullException(final String message)
    {
        super(message);
    }
}

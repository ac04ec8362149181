package io.semisync.replica.archive;

/** Why a search of the archive has no answer: a bad GTID set, or a time or GTID set the relay log does not hold. */
public final class ArchiveSearchException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ArchiveSearchException(final String message)
    {
        super(message);
    }

    public ArchiveSearchException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

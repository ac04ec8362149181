package io.semisync.sources;

/** A source server could not be installed, started, stopped or queried; the message says why. */
public class SourceServerException extends RuntimeException
{
    public SourceServerException(final String message)
    {
        super(message);
    }

    public SourceServerException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

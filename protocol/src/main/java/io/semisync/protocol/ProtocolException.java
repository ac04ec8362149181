package io.semisync.protocol;

/** Base of every failure the protocol layer reports: the connection it happened on is no longer usable. */
public class ProtocolException extends RuntimeException
{
    public ProtocolException(final String message)
    {
        super(message);
    }

    public ProtocolException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

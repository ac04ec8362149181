package io.semisync.replica.session;

/** A problem that reconnecting cannot fix; the replica stops and says what to change. */
public final class FatalReplicationException extends RuntimeException
{
    public FatalReplicationException(final String message)
    {
        super(message);
    }

    public FatalReplicationException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

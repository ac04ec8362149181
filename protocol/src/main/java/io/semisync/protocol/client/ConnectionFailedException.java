package io.semisync.protocol.client;

import io.semisync.protocol.ProtocolException;

/** The connection could not be opened, timed out or was lost; the message names the server's host:port. */
public final class ConnectionFailedException extends ProtocolException
{
    public ConnectionFailedException(final String message)
    {
        super(message);
    }

    public ConnectionFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package io.semisync.protocol.server;

/** The server could not start listening: the message names the address and what to change. */
public final class ServerStartException extends RuntimeException
{
    public ServerStartException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

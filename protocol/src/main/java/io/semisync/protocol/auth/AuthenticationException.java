package io.semisync.protocol.auth;

import io.semisync.protocol.ProtocolException;

/** Login cannot go on for a reason on this side: a missing option, an unsupported plugin, an unusable key. */
public final class AuthenticationException extends ProtocolException
{
    public AuthenticationException(final String message)
    {
        super(message);
    }

    public AuthenticationException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package io.semisync.protocol.auth;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;

/** Raw plugin data sent during login: the answer to an AuthSwitchRequest or to AuthMoreData. */
public final class AuthenticationResponse implements ClientMessage
{
    private final byte[] data;

    public AuthenticationResponse(final byte[] data)
    {
        this.data = data.clone();
    }

    @Override
    public int payloadLength()
    {
        return data.length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeBytes(data);
    }
}

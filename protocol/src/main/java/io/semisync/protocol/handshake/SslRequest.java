package io.semisync.protocol.handshake;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;

/** Asks the server to switch to TLS: a {@link LoginHeader} with {@code CLIENT_SSL} and nothing after it. */
public final class SslRequest implements ClientMessage
{
    private final LoginHeader header;

    public SslRequest(final long capabilities, final int maxPacketSize, final int characterSet)
    {
        this.header = new LoginHeader(capabilities | CapabilityFlags.CLIENT_SSL, maxPacketSize, characterSet);
    }

    @Override
    public int payloadLength()
    {
        return LoginHeader.LENGTH;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        header.write(out);
    }
}

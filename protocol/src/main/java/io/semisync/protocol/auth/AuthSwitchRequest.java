package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.response.ResponseHeader;
import io.semisync.protocol.wire.NulTerminated;

/**
 * The server asks for a different plugin (or a fresh nonce for the same one).
 *
 * <pre>
 * u8       0xFE
 * str NUL  plugin name
 * rest     plugin data: for the password plugins a 20-byte nonce and a NUL, for client_ed25519 a 32-byte nonce
 * </pre>
 *
 * @param pluginName  the plugin to answer with
 * @param pluginData  the plugin data as sent; each plugin takes the nonce length it needs
 */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) implements ServerMessage
{
    /** Reads an AuthSwitchRequest payload; the reader index moves to its end. */
    public static AuthSwitchRequest decode(final ByteBuf in)
    {
        if (!in.isReadable())
        {
            throw new MalformedPacketException("empty packet where an AuthSwitchRequest was expected");
        }
        final int header = in.readUnsignedByte();
        if (header != ResponseHeader.EOF)
        {
            throw new MalformedPacketException("not an AuthSwitchRequest: header 0x" + Integer.toHexString(header));
        }
        final String pluginName = NulTerminated.readString(in, "AuthSwitchRequest plugin name");
        final byte[] data = new byte[in.readableBytes()];
        in.readBytes(data);
        return new AuthSwitchRequest(pluginName, data);
    }

    @Override
    public int payloadLength()
    {
        return 1 + pluginName.getBytes(StandardCharsets.UTF_8).length + 1 + pluginData.length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeByte(ResponseHeader.EOF);
        NulTerminated.write(out, pluginName.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(pluginData);
    }
}

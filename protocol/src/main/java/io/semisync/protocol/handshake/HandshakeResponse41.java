package io.semisync.protocol.handshake;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.wire.LengthEncoding;
import io.semisync.protocol.wire.NulTerminated;

/**
 * The client's login: the 32-byte fixed part of {@link SslRequest}, then
 *
 * <pre>
 * str NUL       user name
 * lenenc bytes  authentication response (CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)
 * str NUL       database, when CLIENT_CONNECT_WITH_DB
 * str NUL       authentication plugin name, when CLIENT_PLUGIN_AUTH
 * lenenc        connection attributes, when CLIENT_CONNECT_ATTRS
 * </pre>
 */
public final class HandshakeResponse41 implements ClientMessage
{
    private final long capabilities;
    private final int maxPacketSize;
    private final int characterSet;
    private final byte[] user;
    private final byte[] authResponse;
    private final byte[] database;
    private final byte[] authPluginName;
    private final ConnectionAttributes attributes;

    /**
     * @param capabilities   what the client uses; must include CLIENT_PROTOCOL_41 and
     *                       CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA; CLIENT_CONNECT_WITH_DB only with a database
     * @param database       the initial schema, or {@code null}
     * @param attributes     the connection attributes, sent when CLIENT_CONNECT_ATTRS is set
     */
    public HandshakeResponse41(
        final long capabilities,
        final int maxPacketSize,
        final int characterSet,
        final String user,
        final byte[] authResponse,
        final String database,
        final String authPluginName,
        final ConnectionAttributes attributes)
    {
        if (!CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA))
        {
            throw new IllegalArgumentException("HandshakeResponse41 needs CLIENT_PROTOCOL_41 and CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA");
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_WITH_DB) != (database != null))
        {
            throw new IllegalArgumentException("CLIENT_CONNECT_WITH_DB must be set exactly when a database is given");
        }
        this.capabilities = capabilities;
        this.maxPacketSize = maxPacketSize;
        this.characterSet = characterSet;
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.authResponse = authResponse.clone();
        this.database = database == null ? null : database.getBytes(StandardCharsets.UTF_8);
        this.authPluginName = authPluginName.getBytes(StandardCharsets.UTF_8);
        this.attributes = attributes;
    }

    @Override
    public int payloadLength()
    {
        int length = SslRequest.LENGTH + user.length + 1 + LengthEncoding.stringLength(authResponse.length);
        if (database != null)
        {
            length += database.length + 1;
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH))
        {
            length += authPluginName.length + 1;
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_ATTRS))
        {
            length += attributes.encodedLength();
        }
        return length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        SslRequest.writeFixedPart(out, capabilities, maxPacketSize, characterSet);
        NulTerminated.write(out, user);
        LengthEncoding.writeBytes(out, authResponse);
        if (database != null)
        {
            NulTerminated.write(out, database);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH))
        {
            NulTerminated.write(out, authPluginName);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_ATTRS))
        {
            attributes.write(out);
        }
    }
}

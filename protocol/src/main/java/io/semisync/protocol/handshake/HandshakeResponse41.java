package io.semisync.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.wire.LengthEncoding;
import io.semisync.protocol.wire.NulTerminated;

/**
 * The client's login: a {@link LoginHeader}, then
 *
 * <pre>
 * str NUL       user name
 * lenenc bytes  authentication response (CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA; else a u8 length with
 *               CLIENT_SECURE_CONNECTION, else NUL-terminated)
 * str NUL       database, when CLIENT_CONNECT_WITH_DB
 * str NUL       authentication plugin name, when CLIENT_PLUGIN_AUTH
 * lenenc        connection attributes, when CLIENT_CONNECT_ATTRS
 * </pre>
 *
 * The client writes it, the server decodes it.
 */
public final class HandshakeResponse41 implements ClientMessage
{
    private final LoginHeader header;
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
        this(new LoginHeader(capabilities, maxPacketSize, characterSet), user.getBytes(StandardCharsets.UTF_8), authResponse.clone(),
            database == null ? null : database.getBytes(StandardCharsets.UTF_8), authPluginName.getBytes(StandardCharsets.UTF_8), attributes);
        if (!CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA))
        {
            throw new IllegalArgumentException("HandshakeResponse41 needs CLIENT_PROTOCOL_41 and CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA");
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_WITH_DB) != (database != null))
        {
            throw new IllegalArgumentException("CLIENT_CONNECT_WITH_DB must be set exactly when a database is given");
        }
    }

    private HandshakeResponse41(
        final LoginHeader header,
        final byte[] user,
        final byte[] authResponse,
        final byte[] database,
        final byte[] authPluginName,
        final ConnectionAttributes attributes)
    {
        this.header = header;
        this.user = user;
        this.authResponse = authResponse;
        this.database = database;
        this.authPluginName = authPluginName;
        this.attributes = attributes;
    }

    /**
     * Reads the part after the {@link LoginHeader} (already read as {@code header}); the reader index moves to the
     * end. Fields the capabilities leave out come back empty: no database is {@code null}, no plugin name is "".
     *
     * @throws MalformedPacketException when a field is cut short or a length points past the packet
     */
    public static HandshakeResponse41 decode(final LoginHeader header, final ByteBuf in)
    {
        final long capabilities = header.capabilities();
        final byte[] user = NulTerminated.readBytes(in, "user name");
        final byte[] authResponse;
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA))
        {
            authResponse = LengthEncoding.readBytes(in);
        }
        else if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SECURE_CONNECTION))
        {
            final int length = in.isReadable() ? in.readUnsignedByte() : -1;
            if (length < 0 || length > in.readableBytes())
            {
                throw new MalformedPacketException("authentication response of " + length + " bytes but " + in.readableBytes() + " remain");
            }
            authResponse = new byte[length];
            in.readBytes(authResponse);
        }
        else
        {
            authResponse = NulTerminated.readBytes(in, "authentication response");
        }
        final byte[] database = CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_WITH_DB) && in.isReadable()
            ? NulTerminated.readBytesOrRest(in)
            : null;
        final byte[] plugin = CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH) && in.isReadable()
            ? NulTerminated.readBytesOrRest(in)
            : new byte[0];
        final ConnectionAttributes attributes = CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_ATTRS) && in.isReadable()
            ? ConnectionAttributes.decode(in)
            : ConnectionAttributes.of(Map.of());
        in.skipBytes(in.readableBytes());
        return new HandshakeResponse41(header, user, authResponse, database, plugin, attributes);
    }

    /** Capabilities, maximum packet size and collation. */
    public LoginHeader header()
    {
        return header;
    }

    public String user()
    {
        return new String(user, StandardCharsets.UTF_8);
    }

    /** The first authentication data, for the plugin named by {@link #authPluginName()}; a copy. */
    public byte[] authResponse()
    {
        return authResponse.clone();
    }

    /** The initial schema, or {@code null} when none was sent (an empty name counts as none). */
    public String database()
    {
        return database == null || database.length == 0 ? null : new String(database, StandardCharsets.UTF_8);
    }

    /** The plugin the client answered with, empty when the client sent none. */
    public String authPluginName()
    {
        return new String(authPluginName, StandardCharsets.UTF_8);
    }

    public ConnectionAttributes attributes()
    {
        return attributes;
    }

    @Override
    public int payloadLength()
    {
        int length = LoginHeader.LENGTH + user.length + 1 + LengthEncoding.stringLength(authResponse.length);
        if (database != null)
        {
            length += database.length + 1;
        }
        if (CapabilityFlags.has(header.capabilities(), CapabilityFlags.CLIENT_PLUGIN_AUTH))
        {
            length += authPluginName.length + 1;
        }
        if (CapabilityFlags.has(header.capabilities(), CapabilityFlags.CLIENT_CONNECT_ATTRS))
        {
            length += attributes.encodedLength();
        }
        return length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        header.write(out);
        NulTerminated.write(out, user);
        LengthEncoding.writeBytes(out, authResponse);
        if (database != null)
        {
            NulTerminated.write(out, database);
        }
        if (CapabilityFlags.has(header.capabilities(), CapabilityFlags.CLIENT_PLUGIN_AUTH))
        {
            NulTerminated.write(out, authPluginName);
        }
        if (CapabilityFlags.has(header.capabilities(), CapabilityFlags.CLIENT_CONNECT_ATTRS))
        {
            attributes.write(out);
        }
    }
}

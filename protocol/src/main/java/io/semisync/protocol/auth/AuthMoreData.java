package io.semisync.protocol.auth;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.response.ResponseHeader;

/**
 * Plugin data the server sends during login: header {@code 0x01} ({@link ResponseHeader#AUTH_MORE_DATA}), then
 * the data; caching_sha2_password sends one status byte, or its RSA public key in PEM.
 *
 * @param data  the plugin data after the header
 */
public record AuthMoreData(byte[] data) implements ServerMessage
{
    /** Client to server: send me your RSA public key. */
    public static final int REQUEST_PUBLIC_KEY = 0x02;
    /** Server to client: the cached hash matched, an OK packet follows. */
    public static final int FAST_AUTH_SUCCESS = 0x03;
    /** Server to client: no cached hash, send the password (over TLS or RSA-encrypted). */
    public static final int PERFORM_FULL_AUTHENTICATION = 0x04;

    /** The one status byte {@code status}. */
    public static AuthMoreData status(final int status)
    {
        return new AuthMoreData(new byte[] {(byte)status});
    }

    @Override
    public int payloadLength()
    {
        return 1 + data.length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeByte(ResponseHeader.AUTH_MORE_DATA);
        out.writeBytes(data);
    }
}

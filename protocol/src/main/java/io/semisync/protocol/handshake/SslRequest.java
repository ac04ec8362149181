package io.semisync.protocol.handshake;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;

/**
 * Asks the server to switch to TLS; the first 32 bytes of a HandshakeResponse41, with {@code CLIENT_SSL} set.
 *
 * <pre>
 * u32       client capabilities, bits 0-31
 * u32       maximum packet size the client sends
 * u8        collation id
 * 19 bytes  filler 0x00
 * u32       MariaDB: client capabilities 32-63 (0 for a MySQL-style client)
 * </pre>
 */
public final class SslRequest implements ClientMessage
{
    /** Offset of the client capabilities. */
    public static final int CAPABILITIES_OFFSET = 0;
    /** Offset of the maximum packet size. */
    public static final int MAX_PACKET_SIZE_OFFSET = 4;
    /** Offset of the collation id. */
    public static final int CHARACTER_SET_OFFSET = 8;
    /** Offset of MariaDB's extended capabilities, the last 4 bytes of the filler. */
    public static final int EXTENDED_CAPABILITIES_OFFSET = 28;
    /** Bytes in this packet and in the fixed start of HandshakeResponse41. */
    public static final int LENGTH = 32;

    private static final int FILLER_LENGTH = EXTENDED_CAPABILITIES_OFFSET - CHARACTER_SET_OFFSET - 1;

    private final long capabilities;
    private final int maxPacketSize;
    private final int characterSet;

    public SslRequest(final long capabilities, final int maxPacketSize, final int characterSet)
    {
        this.capabilities = capabilities | CapabilityFlags.CLIENT_SSL;
        this.maxPacketSize = maxPacketSize;
        this.characterSet = characterSet;
    }

    @Override
    public int payloadLength()
    {
        return LENGTH;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        writeFixedPart(out, capabilities, maxPacketSize, characterSet);
    }

    /** Writes the 32 bytes SSLRequest and HandshakeResponse41 begin with. */
    static void writeFixedPart(final ByteBuf out, final long capabilities, final int maxPacketSize, final int characterSet)
    {
        out.writeIntLE((int)capabilities);
        out.writeIntLE(maxPacketSize);
        out.writeByte(characterSet);
        out.writeZero(FILLER_LENGTH);
        out.writeIntLE((int)(capabilities >>> 32));
    }
}

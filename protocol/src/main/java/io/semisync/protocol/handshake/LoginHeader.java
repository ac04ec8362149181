package io.semisync.protocol.handshake;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;

/**
 * The 32 bytes both of the client's login packets begin with: SSLRequest is exactly this, with CLIENT_SSL,
 * and HandshakeResponse41 continues after it.
 *
 * <pre>
 * u32       client capabilities, bits 0-31
 * u32       maximum packet size the client sends
 * u8        collation id
 * 19 bytes  filler 0x00
 * u32       MariaDB: client capabilities 32-63 (0 for a MySQL-style client)
 * </pre>
 *
 * @param capabilities   the client's capabilities, MariaDB's extended bits in 32-63 (only when bit 0 is clear)
 * @param maxPacketSize  the largest packet the client will send
 * @param characterSet   the client's collation id
 */
public record LoginHeader(long capabilities, int maxPacketSize, int characterSet)
{
    /** Offset of the client capabilities. */
    public static final int CAPABILITIES_OFFSET = 0;
    /** Offset of the maximum packet size. */
    public static final int MAX_PACKET_SIZE_OFFSET = 4;
    /** Offset of the collation id. */
    public static final int CHARACTER_SET_OFFSET = 8;
    /** Offset of MariaDB's extended capabilities, the last 4 bytes of the filler. */
    public static final int EXTENDED_CAPABILITIES_OFFSET = 28;
    /** Bytes in this header. */
    public static final int LENGTH = 32;

    private static final int FILLER_LENGTH = EXTENDED_CAPABILITIES_OFFSET - CHARACTER_SET_OFFSET - 1;

    /** Reads the header; the reader index moves past it. */
    public static LoginHeader decode(final ByteBuf in)
    {
        if (in.readableBytes() < LENGTH)
        {
            throw new MalformedPacketException("login packet of " + in.readableBytes() + " bytes is shorter than its " + LENGTH + "-byte header");
        }
        final long low = in.readUnsignedIntLE();
        final int maxPacketSize = in.readIntLE();
        final int characterSet = in.readUnsignedByte();
        in.skipBytes(FILLER_LENGTH);
        final long high = in.readUnsignedIntLE();
        final long capabilities = CapabilityFlags.has(low, CapabilityFlags.CLIENT_LONG_PASSWORD) ? low : low | high << 32;
        return new LoginHeader(capabilities, maxPacketSize, characterSet);
    }

    /** Writes the header at the writer index of {@code out}. */
    public void write(final ByteBuf out)
    {
        out.writeIntLE((int)capabilities);
        out.writeIntLE(maxPacketSize);
        out.writeByte(characterSet);
        out.writeZero(FILLER_LENGTH);
        out.writeIntLE((int)(capabilities >>> 32));
    }
}

package io.semisync.protocol.handshake;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.wire.NulTerminated;

/**
 * The server's greeting, protocol version 10; decoded by the client, encoded by the server.
 *
 * <pre>
 * u8       protocol version (10)
 * str NUL  server version ("5.5.5-" + real version on MariaDB)
 * u32      connection id
 * 8 bytes  scramble, first part
 * u8       filler 0x00
 * u16      capabilities, bits 0-15
 * u8       character set
 * u16      status flags
 * u16      capabilities, bits 16-31
 * u8       scramble length (or 0)
 * 6 bytes  reserved
 * u32      reserved; MariaDB: capabilities 32-63 when bit 0 (CLIENT_MYSQL) is clear
 * n bytes  scramble, second part: max(13, length - 8), ends with NUL
 * str NUL  authentication plugin name
 * </pre>
 *
 * @param protocolVersion    always 10
 * @param serverVersion      the version without MariaDB's {@code 5.5.5-} prefix
 * @param connectionId       the server's thread id for this connection
 * @param scramble           the 20-byte nonce the password plugins hash with
 * @param capabilities       server capabilities, MariaDB's extended bits in 32-63
 * @param characterSet       the server's default collation id
 * @param statusFlags        the server status flags
 * @param authPluginName     the plugin the server expects the first response for
 * @param flavor             MySQL or MariaDB
 */
public record HandshakeV10(
    int protocolVersion,
    String serverVersion,
    long connectionId,
    byte[] scramble,
    long capabilities,
    int characterSet,
    int statusFlags,
    String authPluginName,
    ServerFlavor flavor) implements ServerMessage
{
    /** The only protocol version this client speaks. */
    public static final int PROTOCOL_VERSION = 10;
    /** MariaDB prefixes its version so that old MySQL replicas accept it. */
    public static final String MARIADB_VERSION_PREFIX = "5.5.5-";

    private static final int SCRAMBLE_FIRST_PART_LENGTH = 8;
    private static final int MIN_SCRAMBLE_SECOND_PART_LENGTH = 13;
    private static final int RESERVED_FILLER_LENGTH = 6;
    /** Bytes between the version's NUL and the scramble's second part. */
    private static final int FIXED_FIELDS_LENGTH = 4 + SCRAMBLE_FIRST_PART_LENGTH + 1 + 2 + 1 + 2 + 2 + 1 + RESERVED_FILLER_LENGTH + 4;

    public HandshakeV10
    {
        if (scramble.length < SCRAMBLE_FIRST_PART_LENGTH)
        {
            throw new IllegalArgumentException("scramble needs at least " + SCRAMBLE_FIRST_PART_LENGTH + " bytes but has " + scramble.length);
        }
    }

    /** Reads a greeting payload; the buffer's reader index moves past it. */
    public static HandshakeV10 decode(final ByteBuf in)
    {
        requireReadable(in, 1);
        final int protocolVersion = in.readUnsignedByte();
        if (protocolVersion != PROTOCOL_VERSION)
        {
            throw new MalformedPacketException("unsupported handshake protocol version " + protocolVersion + ", expected 10");
        }
        final String rawVersion = NulTerminated.readString(in, "server version");
        requireReadable(in, 4 + SCRAMBLE_FIRST_PART_LENGTH + 1 + 2);
        final long connectionId = in.readUnsignedIntLE();
        final byte[] firstPart = new byte[SCRAMBLE_FIRST_PART_LENGTH];
        in.readBytes(firstPart);
        in.skipBytes(1);
        long capabilities = in.readUnsignedShortLE();
        int characterSet = 0;
        int statusFlags = 0;
        byte[] secondPart = new byte[0];
        String pluginName = "";
        if (in.isReadable())
        {
            requireReadable(in, 1 + 2 + 2 + 1 + RESERVED_FILLER_LENGTH + 4);
            characterSet = in.readUnsignedByte();
            statusFlags = in.readUnsignedShortLE();
            capabilities |= (long)in.readUnsignedShortLE() << 16;
            final int scrambleLength = in.readUnsignedByte();
            in.skipBytes(RESERVED_FILLER_LENGTH);
            final long extended = in.readUnsignedIntLE();
            if (!CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_LONG_PASSWORD))
            {
                capabilities |= extended << 32;
            }
            if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SECURE_CONNECTION))
            {
                final int length = Math.max(MIN_SCRAMBLE_SECOND_PART_LENGTH, scrambleLength - SCRAMBLE_FIRST_PART_LENGTH);
                requireReadable(in, length);
                final int end = in.readerIndex() + length;
                final int usable = in.getByte(end - 1) == 0 ? length - 1 : length;
                secondPart = new byte[usable];
                in.readBytes(secondPart);
                in.readerIndex(end);
            }
            if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH))
            {
                pluginName = NulTerminated.readStringOrRest(in);
            }
        }
        final byte[] scramble = new byte[firstPart.length + secondPart.length];
        System.arraycopy(firstPart, 0, scramble, 0, firstPart.length);
        System.arraycopy(secondPart, 0, scramble, firstPart.length, secondPart.length);
        final boolean mariadb = rawVersion.startsWith(MARIADB_VERSION_PREFIX) || rawVersion.contains("MariaDB");
        final String version = rawVersion.startsWith(MARIADB_VERSION_PREFIX) ? rawVersion.substring(MARIADB_VERSION_PREFIX.length()) : rawVersion;
        return new HandshakeV10(
            protocolVersion,
            version,
            connectionId,
            scramble,
            capabilities,
            characterSet,
            statusFlags,
            pluginName,
            mariadb ? ServerFlavor.MARIADB : ServerFlavor.MYSQL);
    }

    private static void requireReadable(final ByteBuf in, final int length)
    {
        if (in.readableBytes() < length)
        {
            throw new MalformedPacketException("handshake truncated: needs " + length + " more bytes, " + in.readableBytes() + " remain");
        }
    }

    @Override
    public int payloadLength()
    {
        return 1 + wireVersion().length + 1 + FIXED_FIELDS_LENGTH + secondPartLength() + authPluginName.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /**
     * Writes the greeting: the scramble's second part ends with a NUL and fills at least 13 bytes; the
     * scramble length byte counts that NUL; capabilities 32-63 go in the last reserved bytes (0 for MySQL).
     */
    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeByte(protocolVersion);
        NulTerminated.write(out, wireVersion());
        out.writeIntLE((int)connectionId);
        out.writeBytes(scramble, 0, SCRAMBLE_FIRST_PART_LENGTH);
        out.writeByte(0);
        out.writeShortLE((int)capabilities);
        out.writeByte(characterSet);
        out.writeShortLE(statusFlags);
        out.writeShortLE((int)(capabilities >>> 16));
        out.writeByte(scramble.length + 1);
        out.writeZero(RESERVED_FILLER_LENGTH);
        out.writeIntLE((int)(capabilities >>> 32));
        final int secondPart = scramble.length - SCRAMBLE_FIRST_PART_LENGTH;
        out.writeBytes(scramble, SCRAMBLE_FIRST_PART_LENGTH, secondPart);
        out.writeZero(secondPartLength() - secondPart);
        NulTerminated.write(out, authPluginName.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] wireVersion()
    {
        final String version = flavor == ServerFlavor.MARIADB ? MARIADB_VERSION_PREFIX + serverVersion : serverVersion;
        return version.getBytes(StandardCharsets.UTF_8);
    }

    private int secondPartLength()
    {
        return Math.max(MIN_SCRAMBLE_SECOND_PART_LENGTH, scramble.length - SCRAMBLE_FIRST_PART_LENGTH + 1);
    }
}

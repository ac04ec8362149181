package io.semisync.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.WireMessage;
import io.semisync.protocol.auth.AuthenticationContext;
import io.semisync.protocol.auth.CachingSha2PasswordPlugin;
import io.semisync.protocol.auth.MySqlNativePasswordPlugin;
import io.semisync.protocol.framing.PacketHeader;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.handshake.CharacterSets;
import io.semisync.protocol.handshake.ConnectionAttributes;
import io.semisync.protocol.handshake.HandshakeResponse41;
import io.semisync.protocol.handshake.HandshakeV10;

/** One server context whose connections are {@link EmbeddedChannel}s, and a scripted client's side of them. */
final class EmbeddedServer
{
    /** What a MySQL 8+ client sends, CLIENT_DEPRECATE_EOF included. */
    static final long CLIENT_CAPABILITIES = CapabilityFlags.CLIENT_LONG_PASSWORD |
        CapabilityFlags.CLIENT_PROTOCOL_41 |
        CapabilityFlags.CLIENT_SECURE_CONNECTION |
        CapabilityFlags.CLIENT_PLUGIN_AUTH |
        CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA |
        CapabilityFlags.CLIENT_CONNECT_ATTRS |
        CapabilityFlags.CLIENT_TRANSACTIONS |
        CapabilityFlags.CLIENT_DEPRECATE_EOF;

    final ServerContext context;

    EmbeddedServer(final ServerSettings settings, final SessionHandler handler)
    {
        this.context = new ServerContext(settings.validate(), handler);
    }

    /** A new connection; its greeting is waiting in the outbound queue. */
    EmbeddedChannel connect()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new ConnectionInitializer(context, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
        channel.freezeTime();
        return channel;
    }

    /** A new connection whose greeting has been read. */
    static HandshakeV10 greeting(final EmbeddedChannel channel)
    {
        final ByteBuf payload = readPacket(channel, 0);
        try
        {
            return HandshakeV10.decode(payload);
        }
        finally
        {
            payload.release();
        }
    }

    /** The login a MySQL client sends: capabilities as given, the user, the plugin's answer, no database. */
    static HandshakeResponse41 login(final long capabilities, final String user, final String plugin, final byte[] answer, final String database)
    {
        return new HandshakeResponse41(
            database == null ? capabilities : capabilities | CapabilityFlags.CLIENT_CONNECT_WITH_DB,
            16 * 1024 * 1024, CharacterSets.UTF8MB4_GENERAL_CI, user, answer, database, plugin, ConnectionAttributes.defaults());
    }

    static byte[] nativeAnswer(final String password, final byte[] scramble)
    {
        return MySqlNativePasswordPlugin.INSTANCE.initialResponse(new AuthenticationContext(password, scramble, false, false, null));
    }

    static byte[] sha2Answer(final String password, final byte[] scramble)
    {
        return CachingSha2PasswordPlugin.INSTANCE.initialResponse(new AuthenticationContext(password, scramble, false, false, null));
    }

    /** Sends a message as one packet with {@code sequenceId} and runs what the server scheduled. */
    static void send(final EmbeddedChannel channel, final int sequenceId, final WireMessage message)
    {
        send(channel, sequenceId, payloadBytes(message));
    }

    static void send(final EmbeddedChannel channel, final int sequenceId, final byte[] payload)
    {
        channel.writeInbound(Fixtures.packet(sequenceId, payload));
        channel.runPendingTasks();
    }

    static byte[] payloadBytes(final WireMessage message)
    {
        final ByteBuf payload = Fixtures.payloadOf(message);
        final byte[] bytes = new byte[payload.readableBytes()];
        payload.readBytes(bytes);
        payload.release();
        return bytes;
    }

    /** The next packet the server wrote, checked for {@code sequenceId}; the caller releases it. */
    static ByteBuf readPacket(final EmbeddedChannel channel, final int sequenceId)
    {
        final List<ByteBuf> packets = readPackets(channel, 1);
        final ByteBuf packet = packets.get(0);
        assertThat((int)packet.getUnsignedByte(0)).as("sequence id").isEqualTo(sequenceId);
        return packet.skipBytes(1);
    }

    /**
     * The next {@code count} packets, each as its sequence id followed by its payload; continuation packets are
     * returned as they are, not joined.
     */
    static List<ByteBuf> readPackets(final EmbeddedChannel channel, final int count)
    {
        final ByteBuf wire = Unpooled.buffer();
        final List<ByteBuf> packets = new ArrayList<>();
        while (packets.size() < count)
        {
            while (wire.readableBytes() < PacketHeader.HEADER_LENGTH || wire.readableBytes() < PacketHeader.HEADER_LENGTH + wire.getUnsignedMediumLE(wire.readerIndex()))
            {
                final ByteBuf next = channel.readOutbound();
                assertThat(next).as("packet %d of %d written by the server", packets.size() + 1, count).isNotNull();
                wire.writeBytes(next);
                next.release();
            }
            final int length = wire.readUnsignedMediumLE();
            final ByteBuf packet = Unpooled.buffer(1 + length);
            packet.writeByte(wire.readUnsignedByte());
            packet.writeBytes(wire, length);
            packets.add(packet);
        }
        assertThat(wire.isReadable()).as("bytes after the last packet read").isFalse();
        return packets;
    }

    /** The next packet's payload as hex, checked for {@code sequenceId}. */
    static String readHex(final EmbeddedChannel channel, final int sequenceId)
    {
        final ByteBuf payload = readPacket(channel, sequenceId);
        try
        {
            return Fixtures.hexOf(payload);
        }
        finally
        {
            payload.release();
        }
    }
}

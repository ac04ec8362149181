package io.semisync.protocol.server;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketEncoder;
import io.semisync.protocol.framing.PacketSequence;

/**
 * Sets up each accepted connection: {@code [tls] -> framing decoder -> framing encoder -> login}; the login
 * phase inserts TLS when the client asks and gives way to the command phase once the client is in.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel>
{
    static final String FRAMING_DECODER = "framing-decoder";
    static final String FRAMING_ENCODER = "framing-encoder";
    static final String TLS = "tls";
    static final String LOGIN = "login";
    static final String COMMANDS = "commands";

    private final ServerContext context;
    private final ChannelGroup connections;

    ConnectionInitializer(final ServerContext context, final ChannelGroup connections)
    {
        this.context = context;
        this.connections = connections;
    }

    @Override
    protected void initChannel(final Channel channel)
    {
        connections.add(channel);
        final PacketSequence sequence = new PacketSequence();
        final ServerConnection connection = new ServerConnection(context.nextConnectionId(), hostOf(channel));
        channel.pipeline()
            .addLast(FRAMING_DECODER, new PacketDecoder(sequence, context.settings().maxPacketBytes()))
            .addLast(FRAMING_ENCODER, new PacketEncoder(sequence))
            .addLast(LOGIN, new LoginPhase(context, connection, sequence));
    }

    private static String hostOf(final Channel channel)
    {
        return channel.remoteAddress() instanceof InetSocketAddress
            ? ((InetSocketAddress)channel.remoteAddress()).getAddress().getHostAddress()
            : String.valueOf(channel.remoteAddress());
    }
}

package io.semisync.protocol.server;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.semisync.protocol.client.NettyTransport;

/**
 * A MySQL-protocol server: a listener whose connections each own their framing, TLS, login and command loop,
 * and a {@link SessionHandler} that says what statements mean (as vitess splits its server into a listener,
 * an auth server and a handler). Start it with {@link #start}; {@link #close()} stops it and every connection.
 */
public final class MySqlServer implements AutoCloseable
{
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group;
    private final Channel listener;
    private final ChannelGroup connections;

    private MySqlServer(final EventLoopGroup group, final Channel listener, final ChannelGroup connections)
    {
        this.group = group;
        this.listener = listener;
        this.connections = connections;
    }

    /**
     * Checks the settings, listens, and returns once the socket is bound.
     *
     * @throws IllegalArgumentException naming every bad setting
     * @throws ServerStartException     when the address cannot be bound (port in use, unknown host)
     */
    public static MySqlServer start(final ServerSettings settings, final SessionHandler handler)
    {
        settings.validate();
        Objects.requireNonNull(handler, "handler");
        final NettyTransport transport = NettyTransport.best();
        final EventLoopGroup group = transport.newEventLoopGroup(settings.ioThreads());
        final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannelType())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ConnectionInitializer(new ServerContext(settings, handler), connections));
        final ChannelFuture bound = bootstrap.bind(settings.bindAddress(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess())
        {
            shutdown(group);
            throw new ServerStartException(bindFailure(settings, bound.cause()), bound.cause());
        }
        return new MySqlServer(group, bound.channel(), connections);
    }

    /** The address the server listens on, with the actual port when port 0 was asked for. */
    public InetSocketAddress localAddress()
    {
        return (InetSocketAddress)listener.localAddress();
    }

    /** Stops listening, closes every connection and stops the event loops; returns when they have stopped. */
    @Override
    public void close()
    {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        shutdown(group);
    }

    private static void shutdown(final EventLoopGroup group)
    {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String bindFailure(final ServerSettings settings, final Throwable cause)
    {
        final String address = settings.bindAddress() + ":" + settings.port();
        final boolean inUse = cause instanceof BindException || String.valueOf(cause.getMessage()).contains("in use");
        return "cannot listen on " + address + ": " + cause.getMessage() + (inUse
            ? " (another process listens there: choose another port, or 0 for an ephemeral one)"
            : " (check that bindAddress names an address of this machine)");
    }
}

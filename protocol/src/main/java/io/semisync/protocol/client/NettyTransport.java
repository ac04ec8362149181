package io.semisync.protocol.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The socket transport of clients and servers: epoll where the native library loads, NIO everywhere else. */
public enum NettyTransport
{
    EPOLL,
    NIO;

    /** Epoll when available, else NIO. */
    public static NettyTransport best()
    {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** A new event loop group of {@code threads} threads for this transport. */
    public EventLoopGroup newEventLoopGroup(final int threads)
    {
        final IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /** The socket channel class for this transport. */
    public Class<? extends SocketChannel> channelType()
    {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The listening socket channel class for this transport. */
    public Class<? extends ServerSocketChannel> serverChannelType()
    {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}

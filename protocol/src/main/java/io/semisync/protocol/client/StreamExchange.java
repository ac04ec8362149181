package io.semisync.protocol.client;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.MalformedPacketException;

/**
 * Hands the connection over: the command (e.g. COM_BINLOG_DUMP_GTID) is written and every later packet
 * goes to the caller's handler, which takes the place of the command phase in the pipeline.
 */
final class StreamExchange extends Exchange
{
    private final ClientMessage command;
    private final ChannelHandler streamHandler;
    private final CompletableFuture<Void> started;

    StreamExchange(final ClientMessage command, final ChannelHandler streamHandler, final CompletableFuture<Void> started)
    {
        this.command = command;
        this.streamHandler = streamHandler;
        this.started = started;
    }

    @Override
    ClientMessage command()
    {
        return command;
    }

    ChannelHandler streamHandler()
    {
        return streamHandler;
    }

    @Override
    boolean onPacket(final ByteBuf payload)
    {
        throw new MalformedPacketException("stream packets go to the stream handler, not the command phase");
    }

    @Override
    boolean expectsResponse()
    {
        return false;
    }

    @Override
    void onWritten()
    {
        started.complete(null);
    }

    @Override
    void fail(final Throwable cause)
    {
        started.completeExceptionally(cause);
    }
}

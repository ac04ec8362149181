package io.semisync.protocol.client;

import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.protocol.response.ResponseHeader;

/**
 * The command phase: sends queued commands one at a time and feeds the response packets to the exchange
 * in flight. A protocol failure fails every queued exchange and closes the connection; an ERR answer
 * fails only its own exchange. A stream exchange replaces this handler with the caller's handler.
 * Every method runs on the channel's event loop.
 */
final class CommandPhaseHandler extends ChannelInboundHandlerAdapter
{
    /** Pipeline name of this handler. */
    static final String NAME = "commands";
    /** Pipeline name given to a stream handler that replaces this one. */
    static final String STREAM_NAME = "stream";

    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private final String address;
    private ChannelHandlerContext ctx;
    private Throwable closedCause;

    CommandPhaseHandler(final String address)
    {
        this.address = address;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    /** Queues an exchange; it is sent once every exchange before it is complete. */
    void submit(final Exchange exchange)
    {
        if (closedCause != null)
        {
            exchange.fail(closedCause);
            return;
        }
        queue.add(exchange);
        if (queue.size() == 1)
        {
            sendHead();
        }
    }

    private void sendHead()
    {
        final Exchange head = queue.peek();
        if (head instanceof StreamExchange)
        {
            handOver((StreamExchange)head);
            return;
        }
        ctx.writeAndFlush(head.command()).addListener(future ->
        {
            if (!future.isSuccess())
            {
                closeWith(new ConnectionFailedException("cannot write to " + address + ": " + future.cause().getMessage(), future.cause()));
            }
            else if (!head.expectsResponse())
            {
                head.onWritten();
                queue.remove(head);
                ctx.close();
            }
        });
    }

    private void handOver(final StreamExchange exchange)
    {
        queue.poll();
        closedCause = new IllegalStateException("the connection to " + address + " has been handed over to a stream");
        failQueued(closedCause);
        ctx.pipeline().replace(this, STREAM_NAME, exchange.streamHandler());
        ctx.channel().writeAndFlush(exchange.command()).addListener(future ->
        {
            if (future.isSuccess())
            {
                exchange.onWritten();
            }
            else
            {
                exchange.fail(new ConnectionFailedException("cannot write to " + address + ": " + future.cause().getMessage(), future.cause()));
                ctx.channel().close();
            }
        });
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf payload = (ByteBuf)msg;
        try
        {
            final Exchange head = queue.peek();
            if (head == null)
            {
                if (ResponseHeader.of(payload) == ResponseHeader.ERR)
                {
                    throw ErrPacket.toException(payload);
                }
                throw new MalformedPacketException("unexpected packet of " + payload.readableBytes() + " bytes while no command is pending");
            }
            if (head.onPacket(payload))
            {
                queue.poll();
                if (!queue.isEmpty())
                {
                    sendHead();
                }
            }
        }
        catch (final RuntimeException ex)
        {
            closeWith(ex);
        }
        finally
        {
            payload.release();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        closeWith(cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (closedCause == null)
        {
            closedCause = new ConnectionFailedException("connection to " + address + " closed");
        }
        failQueued(closedCause);
        ctx.fireChannelInactive();
    }

    private void closeWith(final Throwable cause)
    {
        if (closedCause == null)
        {
            closedCause = cause;
        }
        failQueued(cause);
        ctx.close();
    }

    private void failQueued(final Throwable cause)
    {
        Exchange exchange;
        while ((exchange = queue.poll()) != null)
        {
            exchange.fail(cause);
        }
    }
}

package io.semisync.replica.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Ticker;

/**
 * Notes when the bytes of each read arrived: placed first in the pipeline, before TLS and framing, it stamps the
 * first message of a read and clears at the read's end, so a latency measured from {@link #nanos()} starts when the
 * bytes came off the socket, not when the stream handler got to them.
 */
final class ReadArrival extends ChannelInboundHandlerAdapter
{
    static final String NAME = "read-arrival";

    private final Ticker ticker;
    private boolean reading;
    private long nanos;

    ReadArrival(final Ticker ticker)
    {
        this.ticker = ticker;
        this.nanos = ticker.nanoTime();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!reading)
        {
            reading = true;
            nanos = ticker.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        reading = false;
        ctx.fireChannelReadComplete();
    }

    /** When the current (or last) read began, on the ticker's clock. */
    long nanos()
    {
        return nanos;
    }
}

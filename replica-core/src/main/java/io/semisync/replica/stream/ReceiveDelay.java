package io.semisync.replica.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Ticker;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The receive side of {@link WanEmulation}: placed first in the pipeline, it hands each read's bytes, and the end of
 * the read, on a fixed delay after they arrived, in their order, as if the link were that much longer.
 */
final class ReceiveDelay extends ChannelInboundHandlerAdapter
{
    static final String NAME = "receive-delay";
    private static final Object READ_COMPLETE = new Object();

    private final long delayNanos;
    private final Ticker ticker;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private final ArrayDeque<Long> dueNanos = new ArrayDeque<>();
    private ScheduledFuture<?> release;

    ReceiveDelay(final long delayNanos, final Ticker ticker)
    {
        this.delayNanos = delayNanos;
        this.ticker = ticker;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        hold(ctx, msg);
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        hold(ctx, READ_COMPLETE);
    }

    private void hold(final ChannelHandlerContext ctx, final Object msg)
    {
        held.addLast(msg);
        dueNanos.addLast(ticker.nanoTime() + delayNanos);
        if (release == null)
        {
            release = ctx.executor().schedule(() -> release(ctx), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void release(final ChannelHandlerContext ctx)
    {
        release = null;
        final long now = ticker.nanoTime();
        while (!held.isEmpty() && dueNanos.peekFirst() <= now)
        {
            dueNanos.removeFirst();
            final Object msg = held.removeFirst();
            if (msg == READ_COMPLETE)
            {
                ctx.fireChannelReadComplete();
            }
            else
            {
                ctx.fireChannelRead(msg);
            }
        }
        if (!held.isEmpty())
        {
            release = ctx.executor().schedule(() -> release(ctx), dueNanos.peekFirst() - now, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        if (release != null)
        {
            release.cancel(false);
        }
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        dueNanos.clear();
    }
}

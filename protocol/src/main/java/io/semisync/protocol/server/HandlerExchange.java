package io.semisync.protocol.server;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.handshake.CapabilityFlags;

/**
 * The {@link CommandExchange} of one command answered by a {@link CommandHandler}. Calls from other threads hop
 * to the connection's event loop, in order; state is touched on the event loop only.
 */
final class HandlerExchange implements CommandExchange
{
    private static final Logger LOG = LoggerFactory.getLogger(HandlerExchange.class);

    private final ChannelHandlerContext ctx;
    private final ServerConnection connection;
    private final PacketSequence sequence;
    private final int commandCode;
    private final ByteBuf body;
    private final List<CompletableFuture<Void>> waitingForWritable = new ArrayList<>();
    private Consumer<ByteBuf> listener;

    HandlerExchange(final ChannelHandlerContext ctx, final ServerConnection connection, final PacketSequence sequence, final int commandCode,
        final ByteBuf body)
    {
        this.ctx = ctx;
        this.connection = connection;
        this.sequence = sequence;
        this.commandCode = commandCode;
        this.body = body;
    }

    @Override
    public ServerSession session()
    {
        return connection;
    }

    @Override
    public int commandCode()
    {
        return commandCode;
    }

    @Override
    public ByteBuf body()
    {
        return body;
    }

    @Override
    public boolean deprecateEof()
    {
        return connection.uses(CapabilityFlags.CLIENT_DEPRECATE_EOF);
    }

    @Override
    public CompletionStage<Void> write(final ServerMessage message)
    {
        final CompletableFuture<Void> written = new CompletableFuture<>();
        onEventLoop(written, () -> ctx.writeAndFlush(message).addListener(future ->
        {
            if (future.isSuccess())
            {
                written.complete(null);
            }
            else
            {
                written.completeExceptionally(future.cause());
            }
        }));
        return written;
    }

    @Override
    public boolean isWritable()
    {
        return ctx.channel().isWritable();
    }

    @Override
    public CompletionStage<Void> whenWritable()
    {
        final CompletableFuture<Void> writable = new CompletableFuture<>();
        onEventLoop(writable, () ->
        {
            if (!ctx.channel().isActive())
            {
                writable.completeExceptionally(new ClosedChannelException());
            }
            else if (ctx.channel().isWritable())
            {
                writable.complete(null);
            }
            else
            {
                waitingForWritable.add(writable);
            }
        });
        return writable;
    }

    @Override
    public void onClientPacket(final Consumer<ByteBuf> listener)
    {
        onEventLoop(new CompletableFuture<>(), () ->
        {
            this.listener = listener;
            sequence.ignorePeer();
            final PacketDecoder decoder = ctx.pipeline().get(PacketDecoder.class);
            if (decoder != null)
            {
                decoder.resume();
            }
        });
    }

    @Override
    public void restartSequenceAt(final int id)
    {
        onEventLoop(new CompletableFuture<>(), () -> sequence.restartAt(id));
    }

    boolean listensToClient()
    {
        return listener != null;
    }

    void deliver(final ByteBuf payload)
    {
        try
        {
            listener.accept(payload);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("{}: the listener of command 0x{} failed on a client packet; closing", connection, Integer.toHexString(commandCode), ex);
            ctx.close();
        }
    }

    void writabilityChanged()
    {
        if (ctx.channel().isWritable())
        {
            completeWaiting(null);
        }
    }

    void connectionClosed()
    {
        completeWaiting(new ClosedChannelException());
    }

    @Override
    public void close()
    {
        ctx.channel().close();
    }

    /** The handler's stage completed: nothing more is delivered to it. */
    void ended()
    {
        listener = null;
        completeWaiting(new ClosedChannelException());
    }

    private void completeWaiting(final Throwable failure)
    {
        final List<CompletableFuture<Void>> waiting = new ArrayList<>(waitingForWritable);
        waitingForWritable.clear();
        for (final CompletableFuture<Void> future : waiting)
        {
            if (failure == null)
            {
                future.complete(null);
            }
            else
            {
                future.completeExceptionally(failure);
            }
        }
    }

    private void onEventLoop(final CompletableFuture<Void> result, final Runnable task)
    {
        if (ctx.executor().inEventLoop())
        {
            task.run();
            return;
        }
        try
        {
            ctx.executor().execute(task);
        }
        catch (final RejectedExecutionException ex)
        {
            result.completeExceptionally(new ClosedChannelException());
        }
    }
}

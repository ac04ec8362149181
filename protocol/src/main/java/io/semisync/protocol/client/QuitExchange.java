package io.semisync.protocol.client;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.command.ComQuit;

/** COM_QUIT: no answer; once written, the connection closes. */
final class QuitExchange extends Exchange
{
    private final CompletableFuture<Void> written;

    QuitExchange(final CompletableFuture<Void> written)
    {
        this.written = written;
    }

    @Override
    ClientMessage command()
    {
        return ComQuit.INSTANCE;
    }

    @Override
    boolean onPacket(final ByteBuf payload)
    {
        throw new MalformedPacketException("server answered COM_QUIT with " + payload.readableBytes() + " bytes");
    }

    @Override
    boolean expectsResponse()
    {
        return false;
    }

    @Override
    void onWritten()
    {
        written.complete(null);
    }

    @Override
    void fail(final Throwable cause)
    {
        written.completeExceptionally(cause);
    }
}

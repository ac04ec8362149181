package io.semisync.protocol.server;

import java.io.IOException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.semisync.protocol.framing.PacketSequenceException;
import io.semisync.protocol.framing.PacketTooLargeException;

/**
 * What a connection does when its pipeline fails, in either phase: the client hears why where the protocol
 * allows (a packet over the size limit: 1153; packets out of order: 1156), then the connection closes. Nothing
 * reaches the end of the pipeline, where Netty would log it as unhandled.
 */
final class ConnectionFailures
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFailures.class);

    private ConnectionFailures()
    {
    }

    static void handle(final ChannelHandlerContext ctx, final ServerConnection connection, final Throwable failure)
    {
        final Throwable cause = failure instanceof DecoderException && failure.getCause() != null ? failure.getCause() : failure;
        if (!ctx.channel().isActive())
        {
            LOG.debug("{}: failure after close: {}", connection, cause.toString());
            return;
        }
        if (cause instanceof PacketTooLargeException)
        {
            closeWith(ctx, connection, ServerErrors.packetTooLarge(), cause);
        }
        else if (cause instanceof PacketSequenceException)
        {
            closeWith(ctx, connection, ServerErrors.packetsOutOfOrder(), cause);
        }
        else if (cause instanceof SSLException || cause instanceof IOException)
        {
            LOG.debug("{}: closed: {}", connection, cause.toString());
            ctx.close();
        }
        else
        {
            LOG.warn("{}: unexpected failure, closing the connection", connection, cause);
            ctx.close();
        }
    }

    private static void closeWith(final ChannelHandlerContext ctx, final ServerConnection connection, final SqlErrorException error, final Throwable cause)
    {
        LOG.debug("{}: {}; closing", connection, cause.getMessage());
        ctx.writeAndFlush(connection.errorPacket(error)).addListener(ChannelFutureListener.CLOSE);
    }
}

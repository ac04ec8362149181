package io.semisync.protocol.client;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.ResponseHeader;

/** A command answered by a single OK or ERR packet: COM_PING, COM_REGISTER_SLAVE. */
final class OkExchange extends Exchange
{
    private final ClientMessage command;
    private final CompletableFuture<OkPacket> result;

    OkExchange(final ClientMessage command, final CompletableFuture<OkPacket> result)
    {
        this.command = command;
        this.result = result;
    }

    @Override
    ClientMessage command()
    {
        return command;
    }

    @Override
    boolean onPacket(final ByteBuf payload)
    {
        final int header = ResponseHeader.of(payload);
        if (header == ResponseHeader.OK)
        {
            result.complete(OkPacket.decode(payload));
        }
        else if (header == ResponseHeader.ERR)
        {
            result.completeExceptionally(ErrPacket.toException(payload));
        }
        else
        {
            throw new MalformedPacketException("expected OK or ERR after " + command.getClass().getSimpleName() +
                " but got header 0x" + Integer.toHexString(header));
        }
        return true;
    }

    @Override
    void fail(final Throwable cause)
    {
        result.completeExceptionally(cause);
    }
}

package io.semisync.protocol.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.semisync.protocol.WireMessage;

/**
 * Frames each {@link WireMessage}, a client's or a server's: one exactly sized buffer with a header per chunk,
 * the payload split into {@code 0xFFFFFF}-byte packets and, for an exact multiple of that, ended by an empty packet.
 * Sequence ids come from the connection's {@link PacketSequence}.
 */
public final class PacketEncoder extends MessageToByteEncoder<WireMessage>
{
    private final PacketSequence sequence;

    public PacketEncoder(final PacketSequence sequence)
    {
        super(WireMessage.class);
        this.sequence = sequence;
    }

    @Override
    protected ByteBuf allocateBuffer(final ChannelHandlerContext ctx, final WireMessage msg, final boolean preferDirect)
    {
        final long framedLength = PacketHeader.framedLength(msg.payloadLength());
        if (framedLength > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(msg.getClass().getSimpleName() + " of " + msg.payloadLength() + " bytes is too large to send");
        }
        return preferDirect ? ctx.alloc().ioBuffer((int)framedLength) : ctx.alloc().heapBuffer((int)framedLength);
    }

    @Override
    protected void encode(final ChannelHandlerContext ctx, final WireMessage msg, final ByteBuf out)
    {
        if (msg.startsSequence())
        {
            sequence.reset();
        }
        final int payloadLength = msg.payloadLength();
        if (payloadLength < PacketHeader.MAX_CHUNK_LENGTH)
        {
            PacketHeader.write(out, payloadLength, sequence.nextOutbound());
            final int start = out.writerIndex();
            msg.writePayload(out);
            checkWritten(msg, out.writerIndex() - start);
            return;
        }
        final ByteBuf payload = ctx.alloc().buffer(payloadLength);
        try
        {
            msg.writePayload(payload);
            checkWritten(msg, payload.readableBytes());
            int chunkLength;
            do
            {
                chunkLength = Math.min(payload.readableBytes(), PacketHeader.MAX_CHUNK_LENGTH);
                PacketHeader.write(out, chunkLength, sequence.nextOutbound());
                out.writeBytes(payload, chunkLength);
            }
            while (chunkLength == PacketHeader.MAX_CHUNK_LENGTH);
        }
        finally
        {
            payload.release();
        }
    }

    private static void checkWritten(final WireMessage msg, final int written)
    {
        if (written != msg.payloadLength())
        {
            throw new IllegalStateException(
                msg.getClass().getName() + " announced " + msg.payloadLength() + " payload bytes but wrote " + written);
        }
    }
}

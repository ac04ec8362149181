package io.semisync.protocol.framing;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the byte stream into packet payloads: reads each header, checks its sequence id, joins payloads
 * continued over several {@code 0xFFFFFF}-byte packets and passes each whole payload on as a {@link ByteBuf}
 * (the receiver releases it). A payload announced beyond the maximum fails with
 * {@link PacketTooLargeException} as soon as its header is read, before its bytes are buffered.
 * <p>
 * A server {@link #pause() pauses} the decoder while it answers a command: the next command is held back, and
 * the socket not read, until {@link #resume()}, so a client that pipelines commands is served one at a time with
 * each command's sequence starting afresh, as MySQL reads its socket.
 */
public final class PacketDecoder extends ByteToMessageDecoder
{
    private final PacketHeader header = new PacketHeader();
    private final PacketSequence sequence;
    private final int maxPayloadLength;
    private CompositeByteBuf continued;
    private long continuedLength;
    private boolean failed;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean decoding;

    public PacketDecoder(final PacketSequence sequence, final int maxPayloadLength)
    {
        if (maxPayloadLength < 1)
        {
            throw new IllegalArgumentException("maxPayloadLength must be positive but was " + maxPayloadLength);
        }
        this.sequence = sequence;
        this.maxPayloadLength = maxPayloadLength;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    /** Holds back every payload after the current one and stops reading the socket until {@link #resume()}. */
    public void pause()
    {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Passes on the payloads held back, then reads the socket again. Call on the channel's event loop. */
    public void resume()
    {
        if (!paused)
        {
            return;
        }
        paused = false;
        if (!decoding && internalBuffer().isReadable())
        {
            try
            {
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
            }
            catch (final Exception ex)
            {
                ctx.fireExceptionCaught(ex);
            }
        }
        if (!paused)
        {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) throws Exception
    {
        final boolean outermost = !decoding;
        decoding = true;
        try
        {
            super.channelRead(ctx, msg);
        }
        finally
        {
            decoding = !outermost;
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx) throws Exception
    {
        if (paused)
        {
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        if (failed)
        {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (paused)
        {
            return;
        }
        if (in.readableBytes() < PacketHeader.HEADER_LENGTH)
        {
            return;
        }
        header.wrap(in, in.readerIndex());
        final int chunkLength = header.payloadLength();
        final long announced = continuedLength + chunkLength;
        if (announced > maxPayloadLength)
        {
            fail(in);
            throw new PacketTooLargeException(announced, maxPayloadLength);
        }
        if (in.readableBytes() < PacketHeader.HEADER_LENGTH + chunkLength)
        {
            return;
        }
        try
        {
            sequence.acceptInbound(header.sequenceId());
        }
        catch (final PacketSequenceException ex)
        {
            fail(in);
            throw ex;
        }
        in.skipBytes(PacketHeader.HEADER_LENGTH);
        final ByteBuf chunk = in.readRetainedSlice(chunkLength);
        if (chunkLength == PacketHeader.MAX_CHUNK_LENGTH)
        {
            if (continued == null)
            {
                continued = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            continued.addComponent(true, chunk);
            continuedLength = announced;
        }
        else if (continued == null)
        {
            out.add(chunk);
        }
        else
        {
            continued.addComponent(true, chunk);
            out.add(continued);
            continued = null;
            continuedLength = 0;
        }
    }

    @Override
    protected void handlerRemoved0(final ChannelHandlerContext ctx)
    {
        releaseContinued();
    }

    private void fail(final ByteBuf in)
    {
        failed = true;
        releaseContinued();
        in.skipBytes(in.readableBytes());
    }

    private void releaseContinued()
    {
        if (continued != null)
        {
            continued.release();
            continued = null;
            continuedLength = 0;
        }
    }
}

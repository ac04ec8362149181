package io.semisync.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketSequence;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packet framing fed any bytes, split into reads anywhere: every payload passed on is within the cap, a bad stream
 * fails with a {@link ProtocolException}, and nothing is buffered beyond the cap whatever length a header announces.
 */
class PacketFramingFuzzTest
{
    private static final int MAX_CAP = 1 << 20;

    @FuzzTest(maxDuration = "5m")
    void framesAnyBytesIntoPayloadsWithinTheCapOrFailsTyped(final FuzzedDataProvider data)
    {
        final int cap = data.consumeInt(1, MAX_CAP);
        final PacketSequence sequence = new PacketSequence();
        if (data.consumeBoolean())
        {
            sequence.followPeer();
        }
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(sequence, cap));
        try
        {
            while (data.remainingBytes() > 0)
            {
                final byte[] read = data.consumeBytes(data.consumeInt(1, 4096));
                channel.writeInbound(Unpooled.wrappedBuffer(read));
                for (ByteBuf payload = channel.readInbound(); payload != null; payload = channel.readInbound())
                {
                    try
                    {
                        assertThat(payload.readableBytes()).isLessThanOrEqualTo(cap);
                    }
                    finally
                    {
                        payload.release();
                    }
                }
            }
        }
        catch (final DecoderException ex)
        {
            assertThat(ex.getCause()).isInstanceOf(ProtocolException.class);
        }
        finally
        {
            channel.finishAndReleaseAll();
        }
    }
}

package io.semisync.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.semisync.protocol.Fixtures;

class PacketDecoderTest
{
    private static final int MAX = 64 * 1024 * 1024;

    /** An OK packet as the server sends it after a command: header and payload. */
    private static final byte[] OK_PACKET = Fixtures.bytes(
        "07 00 00",      // payload length 7
        "01",            // sequence id 1
        "00",            // OK header
        "00",            // affected rows 0
        "00",            // last insert id 0
        "02 00",         // status: autocommit
        "00 00");        // warnings 0

    @Test
    void decodesPacketSplitAtEveryOffset()
    {
        for (int split = 0; split < OK_PACKET.length; split++)
        {
            final PacketSequence sequence = new PacketSequence();
            sequence.nextOutbound();
            final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(sequence, MAX));

            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(OK_PACKET, 0, split)));
            channel.writeInbound(Unpooled.wrappedBuffer(OK_PACKET, split, OK_PACKET.length - split));

            final ByteBuf payload = channel.readInbound();
            assertThat(Fixtures.hexOf(payload)).as("split at %d", split).isEqualTo("00000002000000");
            payload.release();
            assertThat(sequence.expected()).isEqualTo(2);
            assertFalse(channel.finish());
        }
    }

    @Test
    void decodesSeveralPacketsFromOneBufferAndEmptyPayloads()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(new PacketSequence(), MAX));
        channel.writeInbound(Fixtures.buffer(
            "01 00 00", "00", "aa",   // 1-byte payload, sequence 0
            "00 00 00", "01",         // empty payload, sequence 1
            "02 00 00", "02", "bb cc" // 2-byte payload, sequence 2
        ));

        assertPayload(channel, "aa");
        assertPayload(channel, "");
        assertPayload(channel, "bbcc");
        assertFalse(channel.finish());
    }

    @Test
    void failsOnSequenceGap()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(new PacketSequence(), MAX));

        assertThatThrownBy(() -> channel.writeInbound(Fixtures.buffer("01 00 00", "03", "aa")))
            .isInstanceOf(DecoderException.class)
            .hasCauseInstanceOf(PacketSequenceException.class)
            .hasMessageContaining("expected sequence id 0 but received 3");
        assertFalse(channel.finish());
    }

    @Test
    void rejectsOversizedPayloadFromItsHeaderAlone()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(new PacketSequence(), 1024 * 1024));

        // Only the 4 header bytes arrive: the decoder must fail now, not buffer 2 MiB first.
        assertThatThrownBy(() -> channel.writeInbound(Fixtures.buffer("00 00 20", "00")))
            .isInstanceOf(DecoderException.class)
            .cause()
            .isInstanceOf(PacketTooLargeException.class)
            .hasMessageContaining("2097152")
            .hasMessageContaining("1048576");
        // Later bytes of that packet are discarded, not accumulated.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[4096]));
        assertThat(channel.<ByteBuf>readInbound()).isNull();
        assertFalse(channel.finish());
    }

    @Test
    void rejectsOversizedPayloadAnnouncedAcrossContinuationPackets()
    {
        final int max = PacketHeader.MAX_CHUNK_LENGTH + 100;
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(new PacketSequence(), max));
        final ByteBuf first = Unpooled.buffer();
        first.writeMediumLE(PacketHeader.MAX_CHUNK_LENGTH).writeByte(0).writeZero(PacketHeader.MAX_CHUNK_LENGTH);
        channel.writeInbound(first);

        final Throwable failure = catchThrowable(
            () -> channel.writeInbound(Fixtures.buffer("c8 00 00", "01")));

        assertThat(failure).isInstanceOf(DecoderException.class);
        final PacketTooLargeException tooLarge = (PacketTooLargeException)failure.getCause();
        assertThat(tooLarge.announcedLength()).isEqualTo(PacketHeader.MAX_CHUNK_LENGTH + 200L);
        assertThat(tooLarge.maxPayloadLength()).isEqualTo(max);
        assertFalse(channel.finish());
    }

    @Test
    void acceptsPayloadOfExactlyTheMaximum()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(new PacketSequence(), 3));
        channel.writeInbound(Fixtures.buffer("03 00 00", "00", "01 02 03"));

        assertPayload(channel, "010203");
        assertFalse(channel.finish());
    }

    @Test
    void releasesAPartlyJoinedPayloadWhenTheChannelCloses()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(new PacketSequence(), MAX));
        final ByteBuf first = Unpooled.buffer();
        first.writeMediumLE(PacketHeader.MAX_CHUNK_LENGTH).writeByte(0).writeZero(PacketHeader.MAX_CHUNK_LENGTH);
        channel.writeInbound(first);

        assertFalse(channel.finish());
        assertThat(first.refCnt()).isZero();
    }

    @Test
    void pausedDecoderHoldsBackPipelinedPayloadsUntilResumed()
    {
        final PacketDecoder decoder = new PacketDecoder(new PacketSequence(), MAX);
        final List<String> seen = new ArrayList<>();
        final EmbeddedChannel channel = pausingOnEachPayload(decoder, seen, false);

        channel.writeInbound(Fixtures.buffer(
            "01 00 00", "00", "aa",         // first command, sequence 0
            "01 00 00", "01", "bb",         // second, pipelined
            "01 00 00", "02"));             // third, its payload not yet arrived

        assertThat(seen).containsExactly("aa");
        assertThat(channel.config().isAutoRead()).isFalse();

        decoder.resume();
        assertThat(seen).containsExactly("aa", "bb");
        assertThat(channel.config().isAutoRead()).isFalse();

        decoder.resume();
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.writeInbound(Fixtures.buffer("cc"));
        assertThat(seen).containsExactly("aa", "bb", "cc");
        assertFalse(channel.finish());
    }

    @Test
    void resumeWhileDeliveringContinuesTheSameRead()
    {
        final PacketDecoder decoder = new PacketDecoder(new PacketSequence(), MAX);
        final List<String> seen = new ArrayList<>();
        final EmbeddedChannel channel = pausingOnEachPayload(decoder, seen, true);

        channel.writeInbound(Fixtures.buffer("01 00 00", "00", "aa", "01 00 00", "01", "bb"));

        assertThat(seen).containsExactly("aa", "bb");
        assertThat(channel.config().isAutoRead()).isTrue();
        assertFalse(channel.finish());
    }

    /** A channel whose handler records each payload and pauses the decoder, as a server does while it answers, and resumes at once if asked. */
    private static EmbeddedChannel pausingOnEachPayload(final PacketDecoder decoder, final List<String> seen, final boolean answerAtOnce)
    {
        return new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                final ByteBuf payload = (ByteBuf)msg;
                seen.add(Fixtures.hexOf(payload));
                payload.release();
                decoder.pause();
                if (answerAtOnce)
                {
                    decoder.resume();
                }
            }
        });
    }

    private static void assertPayload(final EmbeddedChannel channel, final String hex)
    {
        final ByteBuf payload = channel.readInbound();
        assertThat(Fixtures.hexOf(payload)).isEqualTo(hex);
        payload.release();
    }
}

package io.semisync.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.ClientMessage;

/** Payloads around the 0xFFFFFF boundary go through the encoder and back through the decoder intact. */
class LargePacketRoundTripTest
{
    private static final int CHUNK = PacketHeader.MAX_CHUNK_LENGTH;
    private static final int FRAGMENT = 1024 * 1024 + 7;

    @ParameterizedTest
    @ValueSource(ints = {CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1000})
    void encodesSplitsAndJoins(final int payloadLength)
    {
        final PatternMessage message = new PatternMessage(payloadLength);
        final EmbeddedChannel encoder = new EmbeddedChannel(new PacketEncoder(new PacketSequence()));
        encoder.writeOutbound(message);
        final ByteBuf wire = encoder.readOutbound();
        assertFalse(encoder.finish());

        assertThat((long)wire.readableBytes()).isEqualTo(PacketHeader.framedLength(payloadLength));
        assertHeaders(wire, payloadLength);

        final PacketSequence inbound = new PacketSequence();
        final EmbeddedChannel decoder = new EmbeddedChannel(new PacketDecoder(inbound, 64 * 1024 * 1024));
        while (wire.isReadable())
        {
            decoder.writeInbound(wire.readRetainedSlice(Math.min(FRAGMENT, wire.readableBytes())));
        }
        wire.release();

        final ByteBuf payload = decoder.readInbound();
        assertThat(payload.readableBytes()).isEqualTo(payloadLength);
        for (int i = 0; i < payloadLength; i++)
        {
            if (payload.getByte(payload.readerIndex() + i) != PatternMessage.byteAt(i))
            {
                throw new AssertionError("payload differs at byte " + i);
            }
        }
        payload.release();
        assertThat(decoder.<ByteBuf>readInbound()).isNull();
        assertThat(inbound.expected()).isEqualTo(payloadLength / CHUNK + 1);
        assertFalse(decoder.finish());
    }

    private static void assertHeaders(final ByteBuf wire, final int payloadLength)
    {
        final PacketHeader header = new PacketHeader();
        int offset = 0;
        int remaining = payloadLength;
        int sequenceId = 0;
        while (true)
        {
            header.wrap(wire, offset);
            final int expectedLength = Math.min(remaining, CHUNK);
            assertThat(header.payloadLength()).isEqualTo(expectedLength);
            assertThat(header.sequenceId()).isEqualTo(sequenceId++);
            offset += PacketHeader.HEADER_LENGTH + expectedLength;
            remaining -= expectedLength;
            if (expectedLength < CHUNK)
            {
                break;
            }
        }
        assertThat(offset).isEqualTo(wire.readableBytes());
    }

    /** A payload of a repeating, position-dependent pattern. */
    private static final class PatternMessage implements ClientMessage
    {
        private final int length;

        PatternMessage(final int length)
        {
            this.length = length;
        }

        static byte byteAt(final int index)
        {
            return (byte)(index * 31 + (index >>> 16));
        }

        @Override
        public int payloadLength()
        {
            return length;
        }

        @Override
        public void writePayload(final ByteBuf out)
        {
            for (int i = 0; i < length; i++)
            {
                out.writeByte(byteAt(i));
            }
        }
    }
}

package io.semisync.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.command.ComPing;

class PacketEncoderTest
{
    @Test
    void commandsRestartTheSequenceAndRepliesContinueIt()
    {
        final PacketSequence sequence = new PacketSequence();
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder(sequence));
        sequence.acceptInbound(0);

        channel.writeOutbound(new Raw("ab", false));
        assertWritten(channel, "01 00 00" + "01" + "ab");   // reply after greeting: sequence 1

        channel.writeOutbound(ComPing.INSTANCE);
        assertWritten(channel, "01 00 00" + "00" + "0e");   // COM_PING starts at 0
        assertFalse(channel.finish());
    }

    @Test
    void failsAndReleasesWhenAMessageWritesOtherThanItAnnounced()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder(new PacketSequence()));

        assertThatThrownBy(() -> channel.writeOutbound(new Raw("abcd", false)
        {
            @Override
            public int payloadLength()
            {
                return 3;
            }
        }))
            .isInstanceOf(EncoderException.class)
            .hasMessageContaining("announced 3 payload bytes but wrote 2");
        assertFalse(channel.finish());
    }

    private static void assertWritten(final EmbeddedChannel channel, final String hex)
    {
        final ByteBuf written = channel.readOutbound();
        assertThat(Fixtures.hexOf(written)).isEqualTo(hex.replace(" ", ""));
        written.release();
    }

    private static class Raw implements ClientMessage
    {
        private final byte[] bytes;
        private final boolean startsSequence;

        Raw(final String hex, final boolean startsSequence)
        {
            this.bytes = Fixtures.bytes(hex);
            this.startsSequence = startsSequence;
        }

        @Override
        public int payloadLength()
        {
            return bytes.length;
        }

        @Override
        public void writePayload(final ByteBuf out)
        {
            out.writeBytes(bytes);
        }

        @Override
        public boolean startsSequence()
        {
            return startsSequence;
        }
    }
}

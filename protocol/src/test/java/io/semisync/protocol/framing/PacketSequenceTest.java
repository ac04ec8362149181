package io.semisync.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketSequenceTest
{
    @Test
    void bothDirectionsShareOneCounterThatWraps()
    {
        final PacketSequence sequence = new PacketSequence();
        assertThat(sequence.nextOutbound()).isEqualTo(0);
        sequence.acceptInbound(1);
        assertThat(sequence.nextOutbound()).isEqualTo(2);
        for (int id = 3; id < 256; id++)
        {
            sequence.acceptInbound(id);
        }
        assertThat(sequence.expected()).isEqualTo(0);
    }

    @Test
    void rejectsUnexpectedIdUnlessFollowingThePeer()
    {
        final PacketSequence sequence = new PacketSequence();
        sequence.nextOutbound();
        assertThatThrownBy(() -> sequence.acceptInbound(5))
            .isInstanceOf(PacketSequenceException.class)
            .hasMessageContaining("expected sequence id 1 but received 5");

        sequence.followPeer();
        sequence.acceptInbound(5);
        assertThat(sequence.expected()).isEqualTo(6);
        sequence.reset();
        assertThat(sequence.nextOutbound()).isEqualTo(0);
    }

    @Test
    void aPeerThatIsIgnoredDoesNotMoveTheSequenceWhichRestartsWhereTold()
    {
        final PacketSequence sequence = new PacketSequence();
        sequence.ignorePeer();
        assertThat(sequence.nextOutbound()).isEqualTo(0);
        sequence.restartAt(1);

        sequence.acceptInbound(0);

        assertThat(sequence.nextOutbound()).isEqualTo(1);
        assertThat(sequence.nextOutbound()).isEqualTo(2);
        sequence.restartAt(256 + 1);
        assertThat(sequence.nextOutbound()).isEqualTo(1);
    }
}

package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.Fixtures;
import io.semisync.replica.stream.ChainedAcks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownstreamAcksTest
{
    @Test
    void countsEachAckAndKeepsTheLastPositionWithoutTheNulMysqlEndsTheNameWith()
    {
        final DownstreamAcks acks = new DownstreamAcks(null);

        acks.accept(ack("ef", "7b00000000000000", Fixtures.ascii("binlog.000002"), "00"));   // MySQL: 0xEF, position 123, name, NUL
        acks.accept(ack("ef", "c801000000000000", Fixtures.ascii("binlog.000002")));         // without a NUL, position 456

        assertThat(acks.count()).isEqualTo(2);
        assertThat(acks.last()).isEqualTo("binlog.000002:456");
    }

    @Test
    void eachAckCountsTowardTheChainedAcksUntilTheDumpEnds()
    {
        final ChainedAcks chain = new ChainedAcks(1, 1_000_000);
        final DownstreamAcks acks = new DownstreamAcks(chain.join());

        acks.accept(ack("ef", "c801000000000000", Fixtures.ascii("binlog.000002"), "00"));

        assertThat(chain.covers("binlog.000002", 456)).isTrue();
        assertThat(chain.covers("binlog.000002", 457)).isFalse();
        assertThat(chain.covers("binlog.000010", 4)).as("a later file, by its number").isFalse();
        assertThat(chain.reached()).isEqualTo("binlog.000002:456");
        acks.close();
        assertThat(chain.covers("binlog.000002", 4)).as("a replica gone counts no more").isFalse();
    }

    @Test
    void aPacketThatIsNoAckEndsTheDump()
    {
        final DownstreamAcks acks = new DownstreamAcks(null);

        assertThatThrownBy(() -> acks.accept(ack("0e"))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not a semisync ACK (1 bytes)");
        assertThatThrownBy(() -> acks.accept(ack("ef", "7b000000"))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("(5 bytes)");
        assertThat(acks.count()).isZero();
    }

    private static ByteBuf ack(final String... hex)
    {
        final ByteBuf buffer = Unpooled.buffer();
        buffer.writeBytes(new byte[3]);                                                      // read from a non-zero offset
        buffer.writeBytes(Fixtures.bytes(hex));
        buffer.readerIndex(3);
        return buffer;
    }
}

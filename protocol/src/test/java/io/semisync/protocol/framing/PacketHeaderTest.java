package io.semisync.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.Fixtures;

class PacketHeaderTest
{
    @Test
    void readsLengthAndSequenceAtNonZeroOffset()
    {
        final ByteBuf buffer = Fixtures.buffer(
            "aa bb cc",   // unrelated bytes before the header
            "ff ff ff",   // length 0xFFFFFF, little-endian
            "07",         // sequence id 7
            "dd");        // first payload byte
        final PacketHeader header = new PacketHeader().wrap(buffer, 3);

        assertThat(header.payloadLength()).isEqualTo(PacketHeader.MAX_CHUNK_LENGTH);
        assertThat(header.sequenceId()).isEqualTo(7);
        assertThat(header.isContinued()).isTrue();
        assertThat(new PacketHeader().wrap(Fixtures.buffer("00", "01 02 00", "ff"), 1).payloadLength()).isEqualTo(0x0201);
        assertThat(new PacketHeader().wrap(Fixtures.buffer("01 02 00", "ff"), 0).sequenceId()).isEqualTo(255);
    }

    @Test
    void writesLittleEndianLengthThenSequence()
    {
        final ByteBuf out = Unpooled.buffer();
        PacketHeader.write(out, 0x030201, 9);

        assertThat(Fixtures.hexOf(out)).isEqualTo("01020309");
    }

    @Test
    void rejectsHeaderBeyondBuffer()
    {
        assertThatThrownBy(() -> new PacketHeader().wrap(Unpooled.buffer(5, 5), 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void framedLengthCountsOneHeaderPerChunkPlusTerminator()
    {
        assertThat(PacketHeader.framedLength(0)).isEqualTo(4);
        assertThat(PacketHeader.framedLength(10)).isEqualTo(14);
        assertThat(PacketHeader.framedLength(0xFFFFFE)).isEqualTo(0xFFFFFE + 4);
        assertThat(PacketHeader.framedLength(0xFFFFFF)).isEqualTo(0xFFFFFF + 8);
        assertThat(PacketHeader.framedLength(2L * 0xFFFFFF + 5)).isEqualTo(2L * 0xFFFFFF + 5 + 12);
    }
}

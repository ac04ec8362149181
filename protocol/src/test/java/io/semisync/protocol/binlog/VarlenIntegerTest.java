package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of MySQL's serialization library's readme, and the lengths at each boundary. */
class VarlenIntegerTest
{
    @Test
    void oneByteHoldsSevenBits()
    {
        assertThat(unsigned("00")).isEqualTo(0);
        assertThat(unsigned("fe")).isEqualTo(127);
        assertThat(signed("04")).isEqualTo(1);
        assertThat(signed("02")).isEqualTo(-1);
        assertThat(signed("06")).isEqualTo(-2);
    }

    @Test
    void readmeExamples()
    {
        assertThat(unsigned("fb ff 07")).isEqualTo(65535);
        assertThat(signed("f3 ff 0f")).isEqualTo(65535);
        assertThat(signed("eb ff 0f")).isEqualTo(-65535);
        assertThat(signed("fb ff 0f")).isEqualTo(-65536);
    }

    @Test
    void eightBytesHoldFiftySixBitsAndNineTheWholeLong()
    {
        assertThat(unsigned("7f 12 e1 df 21 fc 61 06")).isEqualTo(1_796_585_388_237_074L);
        assertThat(unsigned("ff ff ff ff ff ff ff ff ff")).isEqualTo(-1L);
        assertThat(signed("ff fe ff ff ff ff ff ff ff")).isEqualTo(Long.MAX_VALUE);
        assertThat(signed("ff ff ff ff ff ff ff ff ff")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void lengthIsTheTrailingOnesOfTheFirstBytePlusOne()
    {
        assertThat(VarlenInteger.length((byte)0x00)).isEqualTo(1);
        assertThat(VarlenInteger.length((byte)0xFE)).isEqualTo(1);
        assertThat(VarlenInteger.length((byte)0x01)).isEqualTo(2);
        assertThat(VarlenInteger.length((byte)0x7F)).isEqualTo(8);
        assertThat(VarlenInteger.length((byte)0xFF)).isEqualTo(9);
    }

    private static long unsigned(final String hex)
    {
        final byte[] bytes = Fixtures.bytes(hex);
        final UnsafeBuffer buffer = BinlogEvents.heapAt(bytes, 3);
        assertThat(VarlenInteger.length(bytes[0])).as("length of " + hex).isEqualTo(bytes.length);
        return VarlenInteger.unsigned(buffer, 3, bytes.length);
    }

    private static long signed(final String hex)
    {
        final byte[] bytes = Fixtures.bytes(hex);
        assertThat(VarlenInteger.length(bytes[0])).as("length of " + hex).isEqualTo(bytes.length);
        return VarlenInteger.signed(BinlogEvents.directAt(bytes, 5), 5, bytes.length);
    }
}

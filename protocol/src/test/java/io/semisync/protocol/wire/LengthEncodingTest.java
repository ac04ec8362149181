package io.semisync.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;

class LengthEncodingTest
{
    @ParameterizedTest
    @CsvSource({
        "0,          00",
        "250,        fa",
        "251,        fc fb 00",
        "65535,      fc ff ff",
        "65536,      fd 00 00 01",
        "16777215,   fd ff ff ff",
        "16777216,   fe 00 00 00 01 00 00 00 00"})
    void writesAndReadsEachWidth(final long value, final String hex)
    {
        final ByteBuf out = Unpooled.buffer();
        LengthEncoding.writeInteger(out, value);

        assertThat(Fixtures.hexOf(out)).isEqualTo(hex.replace(" ", ""));
        assertThat(LengthEncoding.integerLength(value)).isEqualTo(out.readableBytes());
        assertThat(LengthEncoding.readInteger(out)).isEqualTo(value);
        assertThat(out.isReadable()).isFalse();
    }

    @Test
    void readsStringsAndRejectsTruncation()
    {
        final ByteBuf in = Fixtures.buffer(
            "03", Fixtures.ascii("abc"),   // "abc"
            "05", "61");                   // announces 5 bytes, 1 follows

        assertThat(LengthEncoding.readString(in)).isEqualTo("abc");
        assertThatThrownBy(() -> LengthEncoding.readBytes(in))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("5 bytes but only 1 remain");
    }

    @Test
    void rejectsNullMarkerAndTruncatedWideInteger()
    {
        assertThatThrownBy(() -> LengthEncoding.readInteger(Fixtures.buffer("fb"))).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> LengthEncoding.readInteger(Fixtures.buffer("fd 01 02"))).isInstanceOf(MalformedPacketException.class);
    }
}

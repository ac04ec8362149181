package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamPacketFlyweightTest
{
    private final StreamPacketFlyweight packet = new StreamPacketFlyweight();

    @Test
    void semisyncEventWithAckFlagAtANonZeroOffset()
    {
        final byte[] payload = Fixtures.bytes(
            "00",                      // OK marker
            "ef",                      // semisync magic
            "01",                      // flag: ACK needed
            "aa bb cc");               // the event (3 bytes here)
        packet.wrap(BinlogEvents.heapAt(payload, 6), 6, payload.length, true);

        assertThat(packet.isEvent()).isTrue();
        assertThat(packet.isError()).isFalse();
        assertThat(packet.isEndOfStream()).isFalse();
        assertThat(packet.ackNeeded()).isTrue();
        assertThat(packet.eventOffset()).isEqualTo(9);
        assertThat(packet.eventLength()).isEqualTo(3);
    }

    @Test
    void semisyncEventWithoutAckFlag()
    {
        final byte[] payload = Fixtures.bytes(
            "00",                      // OK marker
            "ef",                      // semisync magic
            "00",                      // flag: no ACK
            "aa bb");                  // the event
        packet.wrap(BinlogEvents.directAt(payload, 1), 1, payload.length, true);

        assertThat(packet.ackNeeded()).isFalse();
        assertThat(packet.eventOffset()).isEqualTo(4);
        assertThat(packet.eventLength()).isEqualTo(2);
    }

    @Test
    void ackFlagIsForgottenWhenTheViewMovesOn()
    {
        final UnsafeBuffer flagged = BinlogEvents.heapAt(Fixtures.bytes("00 ef 01 aa"), 0);
        final UnsafeBuffer plain = BinlogEvents.heapAt(Fixtures.bytes("00 ef 00 aa"), 0);
        packet.wrap(flagged, 0, 4, true);
        packet.wrap(plain, 0, 4, true);

        assertThat(packet.ackNeeded()).isFalse();
    }

    @Test
    void plainStreamHasNoSemisyncHeader()
    {
        final byte[] payload = Fixtures.bytes(
            "00",                      // OK marker
            "ef 01 aa");               // event bytes that merely look like a semisync header
        packet.wrap(BinlogEvents.heapAt(payload, 2), 2, payload.length, false);

        assertThat(packet.isEvent()).isTrue();
        assertThat(packet.ackNeeded()).isFalse();
        assertThat(packet.eventOffset()).isEqualTo(3);
        assertThat(packet.eventLength()).isEqualTo(3);
    }

    @Test
    void shortEofPacketEndsTheStream()
    {
        final byte[] payload = Fixtures.bytes(
            "fe",                      // EOF marker
            "00 00",                   // warnings
            "02 00");                  // status flags
        packet.wrap(BinlogEvents.heapAt(payload, 4), 4, payload.length, true);

        assertThat(packet.isEndOfStream()).isTrue();
        assertThat(packet.isEvent()).isFalse();
        assertThat(packet.marker()).isEqualTo(StreamPacketFlyweight.EOF_MARKER);
    }

    @Test
    void errPacketIsAnErrorEvenOnASemisyncStream()
    {
        final byte[] payload = Fixtures.bytes(
            "ff",                      // ERR marker
            "d4 04",                   // error 1236
            "23",                      // '#'
            Fixtures.ascii("HY000"),   // SQL state
            Fixtures.ascii("gone"));   // message
        packet.wrap(BinlogEvents.heapAt(payload, 1), 1, payload.length, true);

        assertThat(packet.isError()).isTrue();
        assertThat(packet.isEvent()).isFalse();
        assertThat(packet.ackNeeded()).isFalse();
    }

    @Test
    void emptyPacketIsMalformed()
    {
        assertThatThrownBy(() -> packet.wrap(BinlogEvents.heapAt(new byte[0], 3), 3, 0, true))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("empty packet");
    }

    @Test
    void semisyncPacketWithoutMagicIsMalformed()
    {
        final byte[] payload = Fixtures.bytes(
            "00",                      // OK marker
            "ee 01",                   // not the semisync magic
            "aa");                     // event
        assertThatThrownBy(() -> packet.wrap(BinlogEvents.heapAt(payload, 0), 0, payload.length, true))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("0xEF");
    }

    @Test
    void semisyncPacketTooShortForItsHeaderIsMalformed()
    {
        final byte[] payload = Fixtures.bytes(
            "00",                      // OK marker
            "ef");                     // semisync magic, no flag byte
        assertThatThrownBy(() -> packet.wrap(BinlogEvents.heapAt(payload, 0), 0, payload.length, true))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("2 bytes");
    }

    @Test
    void unknownMarkerIsMalformedAndNamed()
    {
        final byte[] payload = Fixtures.bytes("01 02 03");
        assertThatThrownBy(() -> packet.wrap(BinlogEvents.heapAt(payload, 0), 0, payload.length, false))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("0x01");
    }

    @Test
    void longPacketStartingWithEofMarkerIsNotAnEndOfStream()
    {
        final byte[] payload = Fixtures.bytes("fe 00 00 00 00 00 00 00 00 00");
        assertThatThrownBy(() -> packet.wrap(BinlogEvents.heapAt(payload, 0), 0, payload.length, false))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("0xFE");
    }
}

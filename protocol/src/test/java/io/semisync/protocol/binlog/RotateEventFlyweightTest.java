package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotateEventFlyweightTest
{
    /** The artificial ROTATE a source sends first: timestamp 0, log_pos 0, LOG_EVENT_ARTIFICIAL_F. */
    private static final byte[] ARTIFICIAL_ROTATE = BinlogEvents.withCrc(Fixtures.bytes(
        "00 00 00 00",                        // timestamp 0
        "04",                                 // type 4 ROTATE
        "0b 00 00 00",                        // server_id 11
        "2c 00 00 00",                        // event size 44 = 19 + 8 + 13 + 4
        "00 00 00 00",                        // log_pos 0
        "20 00",                              // flags LOG_EVENT_ARTIFICIAL_F
        "04 00 00 00 00 00 00 00",            // position 4 in the next file
        Fixtures.ascii("binlog.000042")));    // next file name, no NUL

    @Test
    void readsPositionAndFileNameWithChecksumAtANonZeroOffset()
    {
        final RotateEventFlyweight rotate = new RotateEventFlyweight()
            .wrap(BinlogEvents.heapAt(ARTIFICIAL_ROTATE, 7), 7, ARTIFICIAL_ROTATE.length, BinlogChecksum.LENGTH);

        assertThat(rotate.position()).isEqualTo(4);
        assertThat(rotate.fileName()).isEqualTo("binlog.000042");
    }

    @Test
    void withoutChecksumTheNameRunsToTheEndOfTheEvent()
    {
        final byte[] event = Fixtures.bytes(
            "00 00 00 00",                    // timestamp
            "04",                             // type 4 ROTATE
            "01 00 00 00",                    // server_id 1
            "2a 00 00 00",                    // event size 42 = 19 + 8 + 15
            "00 00 00 00",                    // log_pos 0
            "20 00",                          // flags LOG_EVENT_ARTIFICIAL_F
            "00 01 00 00 00 00 00 00",        // position 256
            Fixtures.ascii("mysql-bin.00001"));  // next file name
        final RotateEventFlyweight rotate = new RotateEventFlyweight().wrap(BinlogEvents.directAt(event, 2), 2, event.length, 0);

        assertThat(rotate.position()).isEqualTo(256);
        assertThat(rotate.fileName()).isEqualTo("mysql-bin.00001");
    }

    @Test
    void bodyShorterThanThePositionIsMalformed()
    {
        final byte[] event = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                    // timestamp
            "04",                             // type 4 ROTATE
            "01 00 00 00",                    // server_id 1
            "1e 00 00 00",                    // event size 30
            "00 00 00 00",                    // log_pos
            "20 00",                          // flags
            "04 00 00 00 00 00 00"));         // position cut to 7 bytes
        assertThatThrownBy(() -> new RotateEventFlyweight().wrap(BinlogEvents.heapAt(event, 1), 1, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("ROTATE")
            .hasMessageContaining("7 bytes");
    }
}

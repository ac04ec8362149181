package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidEventFlyweightTest
{
    @Test
    void realEventAtANonZeroOffset()
    {
        final byte[] event = CapturedMysqlEvents.GTID;
        final UnsafeBuffer buffer = BinlogEvents.heapAt(event, 21);
        final GtidEventFlyweight gtid = new GtidEventFlyweight().wrap(buffer, 21, event.length);

        assertThat(gtid.uuid()).isEqualTo(UUID.fromString(CapturedMysqlEvents.SOURCE_UUID));
        assertThat(gtid.gno()).isEqualTo(3);
        assertThat(gtid.gtidBytesOffset()).isEqualTo(21 + EventHeaderFlyweight.LENGTH + 1);
        assertThat(buffer.getByte(gtid.gtidBytesOffset())).isEqualTo((byte)0x0b);
        assertThat(gtid.immediateCommitMicros()).isEqualTo(1_795_529_776_441_085L);
    }

    @Test
    void theOriginalCommitTimestampFlagIsNotPartOfTheImmediateOne()
    {
        final byte[] event = CapturedMysqlEvents.GTID.clone();
        event[EventHeaderFlyweight.LENGTH + GtidEventFlyweight.IMMEDIATE_COMMIT_TIMESTAMP_OFFSET + 6] |= (byte)0x80;
        final GtidEventFlyweight gtid = new GtidEventFlyweight().wrap(BinlogEvents.heapAt(event, 0), 0, event.length);

        assertThat(gtid.immediateCommitMicros()).isEqualTo(1_795_529_776_441_085L);
    }

    @Test
    void uuidIsBigEndianAndGnoLittleEndianOffHeap()
    {
        final byte[] event = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                                      // timestamp
            "21",                                               // type 33 GTID
            "01 00 00 00",                                      // server_id 1
            "30 00 00 00",                                      // event size 48 = 19 + 25 + 4
            "00 10 00 00",                                      // log_pos 4096
            "00 00",                                            // flags
            "01",                                               // GTID flags
            "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10",  // UUID 01020304-0506-0708-090a-0b0c0d0e0f10
            "ff ff ff ff ff ff ff 7f"));                        // GNO Long.MAX_VALUE
        final GtidEventFlyweight gtid = new GtidEventFlyweight().wrap(BinlogEvents.directAt(event, 3), 3, event.length);

        assertThat(gtid.uuidMostSignificantBits()).isEqualTo(0x0102030405060708L);
        assertThat(gtid.uuidLeastSignificantBits()).isEqualTo(0x090a0b0c0d0e0f10L);
        assertThat(gtid.uuid()).isEqualTo(UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10"));
        assertThat(gtid.gno()).isEqualTo(Long.MAX_VALUE);
        assertThat(gtid.immediateCommitMicros()).as("a 5.6 event has no commit timestamp").isEqualTo(-1);
    }

    @Test
    void eventWithoutAWholeGnoIsMalformed()
    {
        final byte[] event = Arrays.copyOf(CapturedMysqlEvents.GTID, EventHeaderFlyweight.LENGTH + 24);
        assertThatThrownBy(() -> new GtidEventFlyweight().wrap(BinlogEvents.heapAt(event, 1), 1, event.length))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("GTID event of 43 bytes");
    }
}

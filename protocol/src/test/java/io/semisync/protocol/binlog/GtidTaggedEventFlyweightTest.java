package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidTaggedEventFlyweightTest
{
    /** Offset of the message size in {@link CapturedTaggedEvents#GTID_TAGGED}. */
    private static final int SIZE_OFFSET = EventHeaderFlyweight.LENGTH + 1;

    @Test
    void realEventAtANonZeroOffset()
    {
        final byte[] event = CapturedTaggedEvents.GTID_TAGGED;
        final GtidTaggedEventFlyweight gtid = new GtidTaggedEventFlyweight().wrap(BinlogEvents.heapAt(event, 13), 13, event.length);

        assertThat(gtid.uuid()).isEqualTo(UUID.fromString(CapturedTaggedEvents.SOURCE_UUID));
        assertThat(gtid.gno()).isEqualTo(1);
        assertThat(gtid.tag()).isEqualTo("tag1");
        assertThat(gtid.tagLength()).isEqualTo(4);
        assertThat(gtid.flags()).isZero();
        assertThat(gtid.lastCommitted()).isEqualTo(2);
        assertThat(gtid.sequenceNumber()).isEqualTo(3);
        assertThat(gtid.immediateCommitMicros()).isEqualTo(1_796_585_388_237_074L);
        assertThat(gtid.originalCommitMicros()).as("absent: the immediate one").isEqualTo(1_796_585_388_237_074L);
        assertThat(gtid.transactionLength()).isEqualTo(276);
        assertThat(gtid.immediateServerVersion()).isEqualTo(90704);
        assertThat(gtid.originalServerVersion()).as("absent: the immediate one").isEqualTo(90704);
        assertThat(gtid.commitGroupTicket()).isZero();
    }

    @Test
    void uuidBytesAreTheUuidsOwnOrderOffHeap()
    {
        final byte[] event = CapturedTaggedEvents.GTID_TAGGED;
        final GtidTaggedEventFlyweight gtid = new GtidTaggedEventFlyweight().wrap(BinlogEvents.directAt(event, 2), 2, event.length);

        final byte[] uuid = new byte[16];
        gtid.uuidBytes().getBytes(0, uuid);
        assertThat(uuid).isEqualTo(Fixtures.bytes("5f 7e e6 92 f1 ab 11 f1 a9 38 02 fc 00 00 00 01"));
        assertThat(gtid.buffer().getStringWithoutLengthAscii(gtid.tagOffset(), gtid.tagLength())).isEqualTo("tag1");
    }

    @Test
    void aReplicasEventCarriesTheSourcesCommitTimestampBesideItsOwn()
    {
        final byte[] event = CapturedTaggedEvents.RELAYED_GTID_TAGGED;
        final GtidTaggedEventFlyweight gtid = new GtidTaggedEventFlyweight().wrap(BinlogEvents.directAt(event, 7), 7, event.length);

        assertThat(gtid.uuid()).isEqualTo(UUID.fromString(CapturedTaggedEvents.SOURCE_UUID));
        assertThat(gtid.tag()).isEqualTo("relay_me");
        assertThat(gtid.gno()).isEqualTo(1);
        assertThat(gtid.lastCommitted()).isEqualTo(8);
        assertThat(gtid.sequenceNumber()).isEqualTo(9);
        assertThat(gtid.immediateCommitMicros()).isEqualTo(1_796_586_304_362_951L);
        assertThat(gtid.originalCommitMicros()).isEqualTo(1_796_586_304_351_837L);
        assertThat(gtid.transactionLength()).isEqualTo(285);
        assertThat(gtid.originalServerVersion()).isEqualTo(90704);
    }

    @Test
    void optionalFieldsOfARelayedTransactionAndAnIgnorableNewerFieldAreRead()
    {
        final byte[] event = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                      // timestamp
            "2a",                               // type 42 GTID_TAGGED
            "02 00 00 00",                      // server_id 2
            "54 00 00 00",                      // event size 84 = 19 + 61 + 4
            "00 10 00 00",                      // log_pos 4096
            "00 00",                            // flags
            "02",                               // leading id 1
            "7a",                               // message size 61
            "00",                               // last non-ignorable field id 0: field 12 may be skipped
            "00 02",                            // field 0 flags: 1 (may have statement-based changes)
            "02 02 04 06 08 0a 0c 0e 10 12 14 16 18 1a 1c 1e 20", // field 1 UUID 01020304-0506-0708-090a-0b0c0d0e0f10
            "04 ff fe ff ff ff ff ff ff ff",    // field 2 GNO: 9 bytes, Long.MAX_VALUE
            "06 06 6f 70 73",                   // field 3 tag "ops"
            "08 00",                            // field 4 last_committed 0
            "0a 04",                            // field 5 sequence_number 1
            "0c b1 04",                         // field 6 immediate commit timestamp 300
            "0e 21 03",                         // field 7 original commit timestamp 200
            "10 0a",                            // field 8 transaction length 5
            "12 83 12 0b",                      // field 9 immediate server version 90704
            "14 83 d0 09",                      // field 10 original server version 80400
            "16 0e",                            // field 11 commit group ticket 7
            "18 02"));                          // field 12, unknown here: skipped
        final GtidTaggedEventFlyweight gtid = new GtidTaggedEventFlyweight().wrap(new UnsafeBuffer(event), 0, event.length);

        assertThat(gtid.uuid()).isEqualTo(UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10"));
        assertThat(gtid.gno()).isEqualTo(Long.MAX_VALUE);
        assertThat(gtid.tag()).isEqualTo("ops");
        assertThat(gtid.flags()).isEqualTo(1);
        assertThat(gtid.lastCommitted()).isZero();
        assertThat(gtid.sequenceNumber()).isEqualTo(1);
        assertThat(gtid.immediateCommitMicros()).isEqualTo(300);
        assertThat(gtid.originalCommitMicros()).isEqualTo(200);
        assertThat(gtid.transactionLength()).isEqualTo(5);
        assertThat(gtid.immediateServerVersion()).isEqualTo(90704);
        assertThat(gtid.originalServerVersion()).isEqualTo(80400);
        assertThat(gtid.commitGroupTicket()).isEqualTo(7);
    }

    @Test
    void wrappingAgainForgetsTheOptionalFieldsOfTheEventBefore()
    {
        final GtidTaggedEventFlyweight gtid = new GtidTaggedEventFlyweight();
        final byte[] real = CapturedTaggedEvents.GTID_TAGGED;
        gtid.wrap(new UnsafeBuffer(real), 0, real.length);
        final byte[] withoutTimestamps = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00 2a 02 00 00 00 30 00 00 00 00 10 00 00 00 00",  // header: event size 48 = 19 + 25 + 4
            "02 32 00",                         // leading id, message size 25, last non-ignorable 0
            "02 02 04 06 08 0a 0c 0e 10 12 14 16 18 1a 1c 1e 20", // field 1 UUID
            "04 04",                            // field 2 GNO 1
            "06 02 61"));                       // field 3 tag "a"
        gtid.wrap(new UnsafeBuffer(withoutTimestamps), 0, withoutTimestamps.length);

        assertThat(gtid.tag()).isEqualTo("a");
        assertThat(gtid.immediateCommitMicros()).isEqualTo(-1);
        assertThat(gtid.sequenceNumber()).isZero();
        assertThat(gtid.immediateServerVersion()).isZero();
    }

    @Test
    void aMessageLargerThanTheBodyIsMalformed()
    {
        final byte[] event = CapturedTaggedEvents.GTID_TAGGED.clone();
        event[SIZE_OFFSET] = 0x7e;
        assertThatThrownBy(() -> new GtidTaggedEventFlyweight().wrap(new UnsafeBuffer(event), 0, event.length))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("message of 63 bytes in a body of 61");
    }

    @Test
    void aTruncatedFieldIsMalformedNamingIt()
    {
        final byte[] event = CapturedTaggedEvents.GTID_TAGGED.clone();
        event[SIZE_OFFSET] = 0x14;
        assertThatThrownBy(() -> new GtidTaggedEventFlyweight().wrap(new UnsafeBuffer(event), 0, event.length))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("ends in the middle of field 1");
    }

    @Test
    void anUnknownFieldThatMustBeUnderstoodIsRefused()
    {
        final byte[] event = CapturedTaggedEvents.GTID_TAGGED.clone();
        event[SIZE_OFFSET + 1] = 0x1a;
        assertThatThrownBy(() -> new GtidTaggedEventFlyweight().wrap(new UnsafeBuffer(event), 0, event.length))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("field 12, which a reader must understand");
    }
}

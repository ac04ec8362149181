package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariadbGtidEventFlyweightTest
{
    private static byte[] gtidEvent(final String flags)
    {
        return BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                   // timestamp
            "a2",                            // type 162 MARIADB_GTID
            "02 00 00 00",                   // server_id 2
            "2a 00 00 00",                   // event size 42 = 19 + 19 + 4
            "00 02 00 00",                   // log_pos 512
            "08 00",                         // flags
            "2a 01 00 00 00 00 00 80",       // sequence 0x800000000000012a: unsigned u64
            "ff ff ff ff",                   // domain 4294967295: unsigned
            flags,                           // GTID flags
            "00 00 00 00 00 00"));           // reserved bytes after the flags
    }

    @Test
    void readsSequenceDomainAndStandaloneFlagAtANonZeroOffset()
    {
        final byte[] event = gtidEvent("01");
        final MariadbGtidEventFlyweight gtid = new MariadbGtidEventFlyweight().wrap(BinlogEvents.heapAt(event, 9), 9, event.length);

        assertThat(gtid.sequence()).isEqualTo(0x8000_0000_0000_012AL);
        assertThat(gtid.domain()).isEqualTo(4_294_967_295L);
        assertThat(gtid.isStandalone()).isTrue();
    }

    @Test
    void transactionalGtidIsNotStandalone()
    {
        final byte[] event = gtidEvent("0a");   // FL_GROUP_COMMIT_ID | FL_TRANSACTIONAL, not FL_STANDALONE
        final MariadbGtidEventFlyweight gtid = new MariadbGtidEventFlyweight().wrap(BinlogEvents.directAt(event, 5), 5, event.length);

        assertThat(gtid.isStandalone()).isFalse();
        assertThat(gtid.domain()).isEqualTo(4_294_967_295L);
    }

    @Test
    void eventWithoutItsFlagsByteIsMalformed()
    {
        final byte[] event = Fixtures.bytes(
            "00 00 00 00",                   // timestamp
            "a2",                            // type 162 MARIADB_GTID
            "02 00 00 00",                   // server_id 2
            "1f 00 00 00",                   // event size 31
            "00 02 00 00",                   // log_pos 512
            "08 00",                         // flags
            "01 00 00 00 00 00 00 00",       // sequence 1
            "00 00 00 00");                  // domain 0, and no flags byte
        assertThatThrownBy(() -> new MariadbGtidEventFlyweight().wrap(BinlogEvents.heapAt(event, 2), 2, event.length))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("MariaDB GTID event of 31 bytes");
    }
}

package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventHeaderFlyweightTest
{
    private static final byte[] HEADER = Fixtures.bytes(
        "fe ff ff ff",   // timestamp 4294967294: unsigned
        "04",            // type 4 ROTATE
        "fe ff ff ff",   // server_id 4294967294: unsigned
        "2c 00 00 00",   // event size 44
        "00 00 00 80",   // log_pos 2147483648: unsigned
        "20 80");        // flags 0x8020: LOG_EVENT_ARTIFICIAL_F and a high bit

    @Test
    void readsEveryFieldAtANonZeroOffsetAsUnsigned()
    {
        final EventHeaderFlyweight header = new EventHeaderFlyweight().wrap(BinlogEvents.heapAt(HEADER, 9), 9);

        assertThat(header.timestamp()).isEqualTo(4_294_967_294L);
        assertThat(header.type()).isEqualTo(BinlogEventType.ROTATE);
        assertThat(header.serverId()).isEqualTo(4_294_967_294L);
        assertThat(header.eventSize()).isEqualTo(44);
        assertThat(header.logPos()).isEqualTo(2_147_483_648L);
        assertThat(header.flags()).isEqualTo(0x8020);
        assertThat(header.isArtificial()).isTrue();
    }

    @Test
    void readsARealEventHeaderOffHeap()
    {
        final EventHeaderFlyweight header = new EventHeaderFlyweight()
            .wrap(BinlogEvents.directAt(CapturedMysqlEvents.QUERY_BEGIN, 3), 3);

        assertThat(header.type()).isEqualTo(BinlogEventType.QUERY);
        assertThat(header.serverId()).isEqualTo(11);
        assertThat(header.eventSize()).isEqualTo(71);
        assertThat(header.logPos()).isEqualTo(737);
        assertThat(header.flags()).isEqualTo(0x0008);
        assertThat(header.isArtificial()).isFalse();
        assertThat(header.timestamp()).isEqualTo(0x6B059C30L);
    }

    @Test
    void rewrapsWithoutKeepingState()
    {
        final EventHeaderFlyweight header = new EventHeaderFlyweight();
        header.wrap(BinlogEvents.heapAt(HEADER, 0), 0);
        header.wrap(BinlogEvents.heapAt(CapturedMysqlEvents.XID, 2), 2);

        assertThat(header.type()).isEqualTo(BinlogEventType.XID);
        assertThat(header.logPos()).isEqualTo(863);
        assertThat(header.isArtificial()).isFalse();
    }
}

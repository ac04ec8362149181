package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatEventTest
{
    @Test
    void version1NamesTheFileInItsBodyAndThePositionInTheHeader()
    {
        final byte[] event = HeartbeatEvent.v1(7, "binlog.000003", 1234, true);
        final EventHeaderFlyweight header = new EventHeaderFlyweight().wrap(new UnsafeBuffer(event), 0);

        assertThat(header.type()).isEqualTo(27);
        assertThat(header.serverId()).isEqualTo(7);
        assertThat(header.eventSize()).isEqualTo(event.length).isEqualTo(19 + 13 + 4);
        assertThat(header.logPos()).isEqualTo(1234);
        assertThat(new String(event, 19, 13, StandardCharsets.UTF_8)).isEqualTo("binlog.000003");
        assertThat(new BinlogChecksum().matches(new UnsafeBuffer(event), 0, event.length)).isTrue();
    }

    @Test
    void version2HoldsTypeLengthValueFieldsWithTheEndMark()
    {
        final byte[] event = HeartbeatEvent.v2(7, "b.1", 70_000, false);

        assertThat(new EventHeaderFlyweight().wrap(new UnsafeBuffer(event), 0).type()).isEqualTo(41);
        final byte[] body = new byte[event.length - 19];
        System.arraycopy(event, 19, body, 0, body.length);
        assertThat(body).containsExactly(
            1, 3, 'b', '.', '1',                        // field 1, the file name: 3 bytes
            2, 4, 0xFD - 256, 0x70, 0x11, 0x01,         // field 2, the position: 4 bytes, 70000 as a 3-byte length-encoded integer
            0);                                         // end mark
    }
}

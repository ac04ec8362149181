package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowsQueryEventFlyweightTest
{
    private static byte[] event(final String type, final String body)
    {
        final byte[] bodyBytes = Fixtures.bytes(body);
        final int size = EventHeaderFlyweight.LENGTH + bodyBytes.length + BinlogChecksum.LENGTH;
        return BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                                      // timestamp
            type,
            "01 00 00 00",                                      // server_id 1
            String.format("%02x 00 00 00", size),               // event size
            "00 10 00 00",                                      // log_pos 4096
            "80 00",                                            // flags
            body));
    }

    @Test
    void mysqlsRowsQuerySkipsItsLengthByte()
    {
        final byte[] event = event("1d", "0c " + HexFormat.of().formatHex("INSERT t ✓".getBytes(StandardCharsets.UTF_8)));  // type 29
        final RowsQueryEventFlyweight query = new RowsQueryEventFlyweight().wrap(BinlogEvents.heapAt(event, 3), 3, event.length,
            BinlogChecksum.LENGTH);

        assertThat(query.statement()).isEqualTo("INSERT t ✓");
    }

    @Test
    void mariadbsAnnotateRowsIsTheStatementAlone()
    {
        final byte[] event = event("a0", Fixtures.ascii("DELETE FROM t"));
        final RowsQueryEventFlyweight query = new RowsQueryEventFlyweight().wrap(BinlogEvents.directAt(event, 0), 0, event.length,
            BinlogChecksum.LENGTH);

        assertThat(query.statement()).isEqualTo("DELETE FROM t");
    }

    @Test
    void anEventShorterThanItsFixedPartIsMalformed()
    {
        final byte[] event = event("1d", "");
        assertThatThrownBy(() -> new RowsQueryEventFlyweight().wrap(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(MalformedPacketException.class).hasMessageContaining("ROWS_QUERY event of 23 bytes is too short");
    }
}

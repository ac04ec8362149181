package io.semisync.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.Fixtures;

class CommandsTest
{
    @Test
    void comQuery()
    {
        assertPayload(new ComQuery("SELECT 1"), "03", Fixtures.ascii("SELECT 1"));
    }

    @Test
    void comPingAndComQuitAreTheCodeAlone()
    {
        assertPayload(ComPing.INSTANCE, "0e");
        assertPayload(ComQuit.INSTANCE, "01");
    }

    @Test
    void comRegisterSlave()
    {
        assertPayload(new ComRegisterSlave(1001, "replica1", "repl", "pw", 3307),
            "15",                                   // COM_REGISTER_SLAVE
            "e9 03 00 00",                          // server id 1001
            "08", Fixtures.ascii("replica1"),       // host name
            "04", Fixtures.ascii("repl"),           // user
            "02", Fixtures.ascii("pw"),             // password
            "eb 0c",                                // port 3307
            "00 00 00 00",                          // replication rank
            "00 00 00 00");                         // source id
        assertThatThrownBy(() -> new ComRegisterSlave(0, "h", "u", "p", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comBinlogDump()
    {
        assertPayload(new ComBinlogDump(4, BinlogDumpFlags.BLOCK, 1001, "binlog.000001"),
            "12",                                   // COM_BINLOG_DUMP
            "04 00 00 00",                          // position 4
            "00 00",                                // flags
            "e9 03 00 00",                          // server id 1001
            Fixtures.ascii("binlog.000001"));       // file name to the end
    }

    @Test
    void comBinlogDumpGtid()
    {
        assertPayload(new ComBinlogDumpGtid(BinlogDumpFlags.NON_BLOCK, 7, "", 4, Fixtures.bytes("0000000000000000")),
            "1e",                                   // COM_BINLOG_DUMP_GTID
            "05 00",                                // flags: NON_BLOCK | THROUGH_GTID
            "07 00 00 00",                          // server id 7
            "00 00 00 00",                          // file name length 0
            "04 00 00 00 00 00 00 00",              // position 4
            "08 00 00 00",                          // GTID set length 8
            "00 00 00 00 00 00 00 00");             // GTID set: no SIDs
    }

    private static void assertPayload(final ClientMessage message, final String... hex)
    {
        final ByteBuf payload = Fixtures.payloadOf(message);
        assertThat(Fixtures.hexOf(payload)).isEqualTo(String.join("", hex).replace(" ", ""));
        assertThat(payload.readableBytes()).isEqualTo(message.payloadLength());
    }
}

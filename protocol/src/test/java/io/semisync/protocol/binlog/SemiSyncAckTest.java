package io.semisync.protocol.binlog;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SemiSyncAckTest
{
    @Test
    void payloadIsMagicPositionAndFileName()
    {
        final SemiSyncAck ack = new SemiSyncAck().fileName("binlog.000042").position(0x1_0000_0203L);
        final ByteBuf payload = Fixtures.payloadOf(ack);
        try
        {
            assertThat(Fixtures.hexOf(payload)).isEqualTo(Fixtures.hexOf(Fixtures.buffer(
                "ef",                           // semisync magic
                "03 02 00 00 01 00 00 00",      // position 0x100000203, u64 LE
                Fixtures.ascii("binlog.000042")))); // file name, no NUL
            assertThat(payload.readableBytes()).isEqualTo(ack.payloadLength()).isEqualTo(1 + 8 + 13);
        }
        finally
        {
            payload.release();
        }
    }

    @Test
    void startsItsOwnSequence()
    {
        assertThat(new SemiSyncAck().startsSequence()).isTrue();
    }

    @Test
    void reusedInstanceReportsTheLatestValues()
    {
        final SemiSyncAck ack = new SemiSyncAck().fileName("binlog.000001").position(500);
        ack.fileName("binlog.000002").position(4);

        assertThat(ack.fileName()).isEqualTo("binlog.000002");
        assertThat(ack.position()).isEqualTo(4);
        assertThat(ack.payloadLength()).isEqualTo(1 + 8 + 13);
        final ByteBuf payload = Fixtures.payloadOf(ack);
        try
        {
            assertThat(Fixtures.hexOf(payload)).isEqualTo(Fixtures.hexOf(Fixtures.buffer(
                "ef",                           // semisync magic
                "04 00 00 00 00 00 00 00",      // position 4
                Fixtures.ascii("binlog.000002")))); // file name
        }
        finally
        {
            payload.release();
        }
    }

    @Test
    void newAckHasAnEmptyFileName()
    {
        final SemiSyncAck ack = new SemiSyncAck();

        assertThat(ack.fileName()).isEmpty();
        assertThat(ack.payloadLength()).isEqualTo(9);
    }
}

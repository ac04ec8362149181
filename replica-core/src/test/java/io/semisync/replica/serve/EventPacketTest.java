package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventPacketTest
{
    private static final byte[] EVENT = {0x11, 0x22};

    @Test
    void anAsyncDumpSendsTheOkMarkerAndTheEvent()
    {
        assertThat(payload(new EventPacket(EVENT, false, false))).isEqualTo("00" + "1122");
    }

    @Test
    void aSemisyncDumpAddsTheMagicAndTheAckFlag()
    {
        assertThat(payload(new EventPacket(EVENT, true, false))).isEqualTo("00" + "ef" + "00" + "1122");
        assertThat(payload(new EventPacket(EVENT, true, true))).isEqualTo("00" + "ef" + "01" + "1122");
    }

    private static String payload(final EventPacket packet)
    {
        final ByteBuf out = Unpooled.buffer();
        try
        {
            packet.writePayload(out);
            assertThat(out.readableBytes()).isEqualTo(packet.payloadLength());
            return ByteBufUtil.hexDump(out);
        }
        finally
        {
            out.release();
        }
    }
}

package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatDescriptionEventFlyweightTest
{
    @Test
    void realEventAnnouncesCrc32AndItsServerVersion()
    {
        final byte[] event = CapturedMysqlEvents.FORMAT_DESCRIPTION;
        final FormatDescriptionEventFlyweight fde = new FormatDescriptionEventFlyweight()
            .wrap(BinlogEvents.heapAt(event, 13), 13, event.length);

        assertThat(fde.checksumAlgorithm()).isEqualTo(BinlogChecksum.ALGORITHM_CRC32);
        assertThat(fde.serverVersion()).isEqualTo("9.7.4-2");
    }

    @Test
    void algorithmByteSitsFiveBytesBeforeTheEnd()
    {
        final byte[] event = CapturedMysqlEvents.FORMAT_DESCRIPTION.clone();
        event[event.length - 5] = BinlogChecksum.ALGORITHM_OFF;
        final FormatDescriptionEventFlyweight fde = new FormatDescriptionEventFlyweight()
            .wrap(BinlogEvents.directAt(event, 4), 4, event.length);

        assertThat(fde.checksumAlgorithm()).isEqualTo(BinlogChecksum.ALGORITHM_OFF);
    }

    @Test
    void serverVersionFillingAllFiftyBytesHasNoNul()
    {
        final byte[] event = CapturedMysqlEvents.FORMAT_DESCRIPTION.clone();
        Arrays.fill(event, EventHeaderFlyweight.LENGTH + FormatDescriptionEventFlyweight.SERVER_VERSION_OFFSET,
            EventHeaderFlyweight.LENGTH + FormatDescriptionEventFlyweight.SERVER_VERSION_OFFSET
                + FormatDescriptionEventFlyweight.SERVER_VERSION_LENGTH, (byte)'x');
        final FormatDescriptionEventFlyweight fde = new FormatDescriptionEventFlyweight()
            .wrap(BinlogEvents.heapAt(event, 1), 1, event.length);

        assertThat(fde.serverVersion()).isEqualTo("x".repeat(FormatDescriptionEventFlyweight.SERVER_VERSION_LENGTH));
    }

    @Test
    void tooShortEventIsMalformed()
    {
        final byte[] event = Arrays.copyOf(CapturedMysqlEvents.FORMAT_DESCRIPTION, 75);
        assertThatThrownBy(() -> new FormatDescriptionEventFlyweight().wrap(BinlogEvents.heapAt(event, 2), 2, event.length))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("FORMAT_DESCRIPTION")
            .hasMessageContaining("75 bytes");
    }
}

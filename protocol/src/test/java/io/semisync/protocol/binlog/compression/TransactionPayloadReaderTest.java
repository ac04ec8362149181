package io.semisync.protocol.binlog.compression;

import com.github.luben.zstd.Zstd;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEvents;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.QueryEventFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionPayloadReaderTest
{
    private static final int AT = 5;

    /** A QUERY event as it sits inside a payload: no checksum. */
    private static final byte[] INNER_BEGIN = Fixtures.bytes(
        "00 00 00 00",              // timestamp
        "02",                       // type 2 QUERY
        "01 00 00 00",              // server_id 1
        "26 00 00 00",              // event size 38 = 19 + 13 + 0 + 0 + 1 + 5
        "00 00 00 00",              // log_pos
        "00 00",                    // flags
        "07 00 00 00",              // thread id
        "00 00 00 00",              // execution time
        "00",                       // schema length 0
        "00 00",                    // error code
        "00 00",                    // status variables length 0
        "00",                       // empty schema's NUL
        Fixtures.ascii("BEGIN"));   // statement

    /** An XID event inside a payload: no checksum. */
    private static final byte[] INNER_XID = Fixtures.bytes(
        "00 00 00 00", "10", "01 00 00 00",
        "1b 00 00 00",              // event size 27 = 19 + 8
        "00 00 00 00", "00 00",
        "2a 00 00 00 00 00 00 00"); // xid 42

    private final TransactionPayloadReader reader = new TransactionPayloadReader(1 << 20);

    @AfterEach
    void close()
    {
        reader.close();
    }

    private static byte[] innerEvents()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(INNER_BEGIN);
        out.writeBytes(INNER_XID);
        return out.toByteArray();
    }

    /** A TRANSACTION_PAYLOAD event with CRC: the header fields given as hex, then the payload. */
    private static byte[] payloadEvent(final String fields, final byte[] payload)
    {
        final byte[] fieldBytes = Fixtures.bytes(fields);
        final int size = EventHeaderFlyweight.LENGTH + fieldBytes.length + payload.length + BinlogChecksum.LENGTH;
        return BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00", "28", "01 00 00 00",                  // timestamp, type 40, server_id 1
            HexFormat.of().formatHex(new byte[] {(byte)size, (byte)(size >> 8), 0, 0}), // event size
            "00 20 00 00", "00 00",                            // log_pos 8192, flags
            HexFormat.of().formatHex(fieldBytes),
            HexFormat.of().formatHex(payload)));
    }

    private static String fields(final int payloadSize, final int compression, final int uncompressedSize)
    {
        return "01 01 " + packed(payloadSize)                    // payload size field
            + " 02 01 " + packed(compression)                   // compression type field
            + " 03 01 " + packed(uncompressedSize)              // uncompressed size field
            + " 00";                                            // end of the header
    }

    private static String packed(final int value)
    {
        return value < 0xFB ? String.format("%02x", value) : String.format("fc %02x %02x", value & 0xFF, value >> 8);
    }

    private List<String> statements(final byte[] event)
    {
        reader.open(BinlogEvents.directAt(event, AT), AT, event.length, BinlogChecksum.LENGTH);
        final List<String> types = new ArrayList<>();
        while (reader.next())
        {
            final int type = reader.buffer().getByte(reader.eventOffset() + EventHeaderFlyweight.TYPE_OFFSET);
            types.add(type == 2
                ? new QueryEventFlyweight().wrap(reader.buffer(), reader.eventOffset(), reader.eventLength(), 0).statement()
                : "type " + type + " of " + reader.eventLength());
        }
        return types;
    }

    @Test
    void zstdPayloadGivesItsEventsInOrder()
    {
        final byte[] events = innerEvents();
        final byte[] compressed = Zstd.compress(events, 3);
        final byte[] event = payloadEvent(fields(compressed.length, 0, events.length), compressed);

        assertThat(statements(event)).containsExactly("BEGIN", "type 16 of 27");
    }

    @Test
    void headerFieldsAreRead()
    {
        final byte[] events = innerEvents();
        final byte[] compressed = Zstd.compress(events, 3);
        final byte[] event = payloadEvent(fields(compressed.length, 0, events.length), compressed);

        final TransactionPayloadEventFlyweight header = reader.open(BinlogEvents.heapAt(event, AT), AT, event.length, BinlogChecksum.LENGTH);

        assertThat(header.payloadSize()).isEqualTo(compressed.length);
        assertThat(header.compressionType()).isEqualTo(TransactionPayloadEventFlyweight.COMPRESSION_ZSTD);
        assertThat(header.uncompressedSize()).isEqualTo(events.length);
        assertThat(header.payloadOffset()).isEqualTo(AT + EventHeaderFlyweight.LENGTH + 10);
    }

    @Test
    void uncompressedPayloadAndUnknownFieldsAreSkipped()
    {
        final byte[] events = innerEvents();
        final byte[] event = payloadEvent("09 02 ab cd " + fields(events.length, 255, events.length), events);

        assertThat(statements(event)).containsExactly("BEGIN", "type 16 of 27");
    }

    @Test
    void sizeAboveTheLimitIsRefusedBeforeDecompressing()
    {
        final byte[] events = innerEvents();
        final byte[] compressed = Zstd.compress(events, 3);
        final byte[] event = payloadEvent(fields(compressed.length, 0, events.length), compressed);

        try (TransactionPayloadReader small = new TransactionPayloadReader(events.length - 1))
        {
            assertThatThrownBy(() -> small.open(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
                .isInstanceOf(UncompressedSizeLimitException.class)
                .hasMessageContaining("announces " + events.length + " uncompressed bytes, more than the limit of " + (events.length - 1));
        }
    }

    @Test
    void frameThatGivesAnotherSizeIsAnError()
    {
        final byte[] events = innerEvents();
        final byte[] compressed = Zstd.compress(events, 3);
        final byte[] event = payloadEvent(fields(compressed.length, 0, events.length + 1), compressed);

        assertThatThrownBy(() -> statements(event)).isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("announces " + (events.length + 1));
    }

    @Test
    void aShortFrameAnnouncingTheLargestSizeTakesOnlyWhatItDecompressesTo()
    {
        final byte[] events = innerEvents();
        final byte[] compressed = Zstd.compress(events, 3);
        final long largest = DecompressionLimit.MAX_BYTES;
        final byte[] event = payloadEvent("01 01 " + packed(compressed.length) + " 03 09 fe " + String.format("%016x",
            Long.reverseBytes(largest)) + " 00", compressed);

        try (TransactionPayloadReader unlimited = new TransactionPayloadReader(largest))
        {
            assertThatThrownBy(() -> unlimited.open(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
                .isInstanceOf(CompressedEventException.class)
                .hasMessageContaining("decompresses to " + events.length + " bytes, it announces " + largest);
        }
    }

    @Test
    void corruptFrameIsAnError()
    {
        final byte[] events = innerEvents();
        final byte[] compressed = Zstd.compress(events, 3);
        compressed[0] ^= 0x55;
        final byte[] event = payloadEvent(fields(compressed.length, 0, events.length), compressed);

        assertThatThrownBy(() -> statements(event)).isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("zstd frame");
    }

    @Test
    void payloadSizeMustBeTheRestOfTheEvent()
    {
        final byte[] events = innerEvents();
        final byte[] event = payloadEvent(fields(events.length + 3, 255, events.length), events);

        assertThatThrownBy(() -> statements(event)).isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("payload of " + (events.length + 3) + " bytes but " + events.length + " follow");
    }

    @Test
    void unknownCompressionTypeIsAnError()
    {
        final byte[] events = innerEvents();
        final byte[] event = payloadEvent(fields(events.length, 7, events.length), events);

        assertThatThrownBy(() -> statements(event)).isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("compression type 7");
    }

    @Test
    void headerRunningPastTheEventIsAnError()
    {
        final byte[] event = payloadEvent("01 01 fe 00", new byte[0]);

        assertThatThrownBy(() -> statements(event)).isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("runs past the end");
    }

    @Test
    void innerEventLongerThanThePayloadIsAnError()
    {
        final byte[] events = innerEvents();
        events[INNER_BEGIN.length + EventHeaderFlyweight.EVENT_SIZE_OFFSET] = 99;
        final byte[] event = payloadEvent(fields(events.length, 255, events.length), events);

        assertThatThrownBy(() -> statements(event)).isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("an event of 99 bytes at offset " + INNER_BEGIN.length);
    }
}

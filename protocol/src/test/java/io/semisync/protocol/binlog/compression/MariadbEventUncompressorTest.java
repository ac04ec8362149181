package io.semisync.protocol.binlog.compression;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEvents;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.QueryEventFlyweight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariadbEventUncompressorTest
{
    private static final int AT = 3;
    private static final String STATEMENT = "INSERT INTO t VALUES ('" + "x".repeat(300) + "')";
    /** Rows data of two rows as the server writes it after the bitmaps (opaque here). */
    private static final byte[] ROWS = Fixtures.bytes("00 01 00 00 00 00 02 00 00 00");

    private final MariadbEventUncompressor uncompressor = new MariadbEventUncompressor(1 << 20);
    private final BinlogChecksum checksum = new BinlogChecksum();

    private static byte[] zlib(final byte[] data)
    {
        final Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        final byte[] out = new byte[data.length + 64];
        final int length = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, length);
    }

    /** A compressed record: header byte 0x80 | length bytes, the length big-endian, the zlib stream. */
    private static String record(final byte[] data)
    {
        final String length = data.length < 0x100 ? "81 " + String.format("%02x", data.length)
            : String.format("82 %02x %02x", data.length >> 8, data.length & 0xFF);
        return length + " " + HexFormat.of().formatHex(zlib(data));
    }

    private static byte[] event(final int type, final String... body)
    {
        final byte[] bodyBytes = Fixtures.bytes(body);
        final int size = EventHeaderFlyweight.LENGTH + bodyBytes.length + BinlogChecksum.LENGTH;
        return BinlogEvents.withCrc(Fixtures.bytes(
            "5a 1b 54 69",                                     // timestamp
            String.format("%02x", type),                       // type
            "01 00 00 00",                                     // server_id 1
            String.format("%02x %02x 00 00", size & 0xFF, size >> 8), // event size
            "00 10 00 00", "00 00",                            // log_pos 4096, flags
            HexFormat.of().formatHex(bodyBytes)));
    }

    private static byte[] queryCompressed()
    {
        return event(MariadbEventUncompressor.QUERY_COMPRESSED,
            "07 00 00 00",                  // thread id
            "00 00 00 00",                  // execution time
            "04",                           // schema length 4
            "00 00",                        // error code
            "02 00",                        // status variables length 2
            "0c 00",                        // status variables (opaque)
            Fixtures.ascii("shop"), "00",   // schema and NUL
            record(STATEMENT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void queryCompressedBecomesQueryWithItsStatementAndAFreshChecksum()
    {
        final byte[] event = queryCompressed();

        final int length = uncompressor.uncompress(BinlogEvents.directAt(event, AT), AT, event.length, BinlogChecksum.LENGTH);

        assertThat(length).isEqualTo(EventHeaderFlyweight.LENGTH + 13 + 2 + 5 + STATEMENT.length() + BinlogChecksum.LENGTH);
        assertThat(uncompressor.plainType()).isEqualTo(BinlogEventType.QUERY);
        final EventHeaderFlyweight header = new EventHeaderFlyweight().wrap(uncompressor.buffer(), 0);
        assertThat(header.type()).isEqualTo(BinlogEventType.QUERY);
        assertThat(header.eventSize()).isEqualTo(length);
        assertThat(header.logPos()).isEqualTo(4096);
        assertThat(checksum.matches(uncompressor.buffer(), 0, length)).isTrue();
        assertThat(new QueryEventFlyweight().wrap(uncompressor.buffer(), 0, length, BinlogChecksum.LENGTH).statement())
            .isEqualTo(STATEMENT);
    }

    @Test
    void withoutChecksumThePlainEventHasNone()
    {
        final byte[] withCrc = queryCompressed();
        final byte[] event = Arrays.copyOf(withCrc, withCrc.length - BinlogChecksum.LENGTH);

        final int length = uncompressor.uncompress(BinlogEvents.heapAt(event, AT), AT, event.length, 0);

        assertThat(new QueryEventFlyweight().wrap(uncompressor.buffer(), 0, length, 0).statement()).isEqualTo(STATEMENT);
    }

    @Test
    void updateRowsV1KeepsBothBitmapsAndUncompressesTheRows()
    {
        final byte[] event = event(MariadbEventUncompressor.UPDATE_ROWS_COMPRESSED_V1,
            "21 00 00 00 00 00",            // table id 33
            "01 00",                        // flags: end of statement
            "0a",                           // 10 columns
            "ff 03",                        // columns present before
            "ff 03",                        // columns present after
            record(ROWS));

        final int length = uncompressor.uncompress(BinlogEvents.heapAt(event, AT), AT, event.length, BinlogChecksum.LENGTH);

        assertThat(uncompressor.plainType()).isEqualTo(BinlogEventType.UPDATE_ROWS_V1);
        final byte[] plain = new byte[length];
        uncompressor.buffer().getBytes(0, plain);
        assertThat(Arrays.copyOfRange(plain, EventHeaderFlyweight.LENGTH, EventHeaderFlyweight.LENGTH + 13))
            .isEqualTo(Fixtures.bytes("21 00 00 00 00 00 01 00 0a ff 03 ff 03"));
        assertThat(Arrays.copyOfRange(plain, EventHeaderFlyweight.LENGTH + 13, length - BinlogChecksum.LENGTH)).isEqualTo(ROWS);
        assertThat(checksum.matches(uncompressor.buffer(), 0, length)).isTrue();
    }

    @Test
    void writeRowsV2SkipsItsExtraData()
    {
        final byte[] event = event(MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V2,
            "21 00 00 00 00 00",            // table id 33
            "01 00",                        // flags
            "04 00 aa bb",                  // extra data: length 4 counting itself, 2 opaque bytes
            "03",                           // 3 columns
            "07",                           // columns present
            record(ROWS));

        final int length = uncompressor.uncompress(BinlogEvents.heapAt(event, AT), AT, event.length, BinlogChecksum.LENGTH);

        assertThat(uncompressor.plainType()).isEqualTo(BinlogEventType.WRITE_ROWS_V2);
        final byte[] plain = new byte[length];
        uncompressor.buffer().getBytes(0, plain);
        assertThat(plain[EventHeaderFlyweight.TYPE_OFFSET]).isEqualTo((byte)BinlogEventType.WRITE_ROWS_V2);
        assertThat(Arrays.copyOfRange(plain, EventHeaderFlyweight.LENGTH + 14, length - BinlogChecksum.LENGTH)).isEqualTo(ROWS);
    }

    @Test
    void plainTypesOfEveryCompressedType()
    {
        assertThat(MariadbEventUncompressor.plainType(165)).isEqualTo(BinlogEventType.QUERY);
        assertThat(MariadbEventUncompressor.plainType(166)).isEqualTo(BinlogEventType.WRITE_ROWS_V1);
        assertThat(MariadbEventUncompressor.plainType(168)).isEqualTo(BinlogEventType.DELETE_ROWS_V1);
        assertThat(MariadbEventUncompressor.plainType(169)).isEqualTo(BinlogEventType.WRITE_ROWS_V2);
        assertThat(MariadbEventUncompressor.plainType(171)).isEqualTo(BinlogEventType.DELETE_ROWS_V2);
        assertThat(MariadbEventUncompressor.isCompressed(164)).isFalse();
        assertThat(MariadbEventUncompressor.isCompressed(172)).isFalse();
    }

    @Test
    void sizeAboveTheLimitIsRefused()
    {
        final byte[] event = queryCompressed();
        final MariadbEventUncompressor small = new MariadbEventUncompressor(100);

        assertThatThrownBy(() -> small.uncompress(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(UncompressedSizeLimitException.class)
            .hasMessageContaining("more than the limit of 100");
    }

    @Test
    void recordHeaderWithoutTheCompressedBitIsAnError()
    {
        final byte[] event = event(MariadbEventUncompressor.DELETE_ROWS_COMPRESSED_V1,
            "21 00 00 00 00 00", "01 00", "01", "01",
            "01 05 00 00 00 00 00");        // header byte 0x01: bit 7 clear

        assertThatThrownBy(() -> uncompressor.uncompress(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("record header 0x1");
    }

    @Test
    void badZlibStreamIsAnError()
    {
        final byte[] event = event(MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V1,
            "21 00 00 00 00 00", "01 00", "01", "01",
            "81 0a 12 34 56 78");           // 10 bytes announced, garbage stream

        assertThatThrownBy(() -> uncompressor.uncompress(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("zlib stream");
    }

    @Test
    void aShortStreamAnnouncingTheLimitTakesOnlyWhatItInflatesTo()
    {
        final String stream = record(ROWS).substring(5);     // the zlib stream of the 10 bytes
        final byte[] event = event(MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V1,
            "21 00 00 00 00 00", "01 00", "01", "01",
            "83 0f ff c0" + stream);        // announces 1 MiB - 64, under the limit of 1 MiB with the prefix and checksum

        assertThatThrownBy(() -> uncompressor.uncompress(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("announces 1048512 uncompressed bytes but its zlib stream gives 10");
        assertThat(uncompressor.buffer().capacity()).isLessThan(1 << 18);
    }

    @Test
    void streamShorterThanAnnouncedIsAnError()
    {
        final String stream = record(ROWS).substring(5);     // the zlib stream of the 10 bytes
        final byte[] event = event(MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V1,
            "21 00 00 00 00 00", "01 00", "01", "01",
            "81 0b" + stream);              // announces 11

        assertThatThrownBy(() -> uncompressor.uncompress(BinlogEvents.heapAt(event, 0), 0, event.length, BinlogChecksum.LENGTH))
            .isInstanceOf(CompressedEventException.class)
            .hasMessageContaining("announces 11 uncompressed bytes but its zlib stream gives 10");
    }
}

package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class BinlogChecksumTest
{
    private final BinlogChecksum checksum = new BinlogChecksum();

    @Test
    void computesTheStandardCheckValue()
    {
        final byte[] text = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(checksum.compute(new UnsafeBuffer(text), 0, text.length)).isEqualTo(0xCBF43926);
        assertThat(checksum.compute(BinlogEvents.directAt(text, 0), 0, text.length)).isEqualTo(0xCBF43926);
    }

    @Test
    void heapBufferWrappedAtAnOffsetOfItsArrayMatchesTheJdk()
    {
        final byte[] array = new byte[300];
        for (int i = 0; i < array.length; i++)
        {
            array[i] = (byte)(i * 31 + 7);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(array, 40, 200);

        assertThat(checksum.compute(buffer, 10, 150)).isEqualTo(jdkCrc(Arrays.copyOfRange(array, 50, 200)));
    }

    @Test
    void offHeapBufferMatchesTheJdk()
    {
        final byte[] bytes = new byte[257];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(i * 13 + 1);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(300));
        buffer.putBytes(17, bytes);

        assertThat(checksum.compute(buffer, 17, bytes.length)).isEqualTo(jdkCrc(bytes));
    }

    @Test
    void offHeapBufferWrappedAtAnOffsetOfItsMemoryMatchesTheJdk()
    {
        final byte[] bytes = CapturedMysqlEvents.QUERY_BEGIN;
        final UnsafeBuffer whole = BinlogEvents.directAt(bytes, 33);
        final UnsafeBuffer slice = new UnsafeBuffer(whole, 30, bytes.length + 3);

        assertThat(checksum.compute(slice, 3, bytes.length - BinlogChecksum.LENGTH))
            .isEqualTo(jdkCrc(Arrays.copyOf(bytes, bytes.length - BinlogChecksum.LENGTH)));
    }

    @Test
    void realEventsMatchTheirStoredChecksumInHeapAndOffHeapBuffers()
    {
        for (final byte[] event : new byte[][] {
            CapturedMysqlEvents.FORMAT_DESCRIPTION, CapturedMysqlEvents.GTID, CapturedMysqlEvents.QUERY_BEGIN,
            CapturedMysqlEvents.TABLE_MAP, CapturedMysqlEvents.WRITE_ROWS, CapturedMysqlEvents.XID})
        {
            assertThat(checksum.matches(BinlogEvents.heapAt(event, 5), 5, event.length)).isTrue();
            assertThat(checksum.matches(new UnsafeBuffer(BinlogEvents.heapAt(event, 5).byteArray(), 3, event.length + 4), 2,
                event.length)).isTrue();
            assertThat(checksum.matches(BinlogEvents.directAt(event, 11), 11, event.length)).isTrue();
        }
    }

    @Test
    void aFlippedBitAnywhereIsDetected()
    {
        final byte[] event = CapturedMysqlEvents.XID;
        for (int i = 0; i < event.length; i++)
        {
            final byte[] corrupted = event.clone();
            corrupted[i] ^= 0x10;

            assertThat(checksum.matches(BinlogEvents.heapAt(corrupted, 3), 3, corrupted.length)).as("bit flipped at %d", i).isFalse();
            assertThat(checksum.matches(BinlogEvents.directAt(corrupted, 3), 3, corrupted.length)).as("bit flipped at %d", i).isFalse();
        }
    }

    @Test
    void handBuiltEventWithChecksumMatches()
    {
        final byte[] event = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",   // timestamp
            "1b",            // type 27 HEARTBEAT
            "01 00 00 00",   // server_id 1
            "17 00 00 00",   // event size 23 with the checksum
            "00 00 00 00",   // log_pos
            "00 00"));       // flags

        assertThat(event).hasSize(23);
        assertThat(checksum.matches(BinlogEvents.heapAt(event, 1), 1, event.length)).isTrue();
    }

    private static int jdkCrc(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int)crc.getValue();
    }
}

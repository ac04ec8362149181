package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptRecordException;
import io.semisync.storage.UnsupportedRecordFormatException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordLayoutTest
{
    private static final int RECORD_OFFSET = 13;
    private static final byte[] UUID_BYTES = {
        0x3E, 0x11, (byte)0xFA, 0x47, 0x71, (byte)0xCA, 0x11, (byte)0xE1,
        (byte)0x9E, 0x33, (byte)0xC8, 0x0A, (byte)0xA9, 0x42, (byte)0x95, 0x62};

    @Test
    void encodesEveryFieldAtItsDocumentedOffsetLittleEndian()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final EventMetadata metadata = new EventMetadata()
            .sourceFileName("binlog.000042")
            .flags(RecordFlags.TRANSACTION_END | RecordFlags.ACK_REQUESTED)
            .eventType(16)
            .eventTimestamp(0xF1F2F3F4L)
            .endPosition(0x0102030405060708L)
            .receiveTimeNanos(0x1112131415161718L)
            .mariaDbGtid(7, 0x21222324, 0x3132333435363738L);

        final int prefixLength = metadata.encodePrefix(buffer, RECORD_OFFSET, 19);

        assertThat(prefixLength).isEqualTo(32 + 13 + 16);
        assertThat(buffer.getByte(RECORD_OFFSET)).isEqualTo((byte)2);                        // format version
        assertThat(buffer.getByte(RECORD_OFFSET + 1)).isEqualTo((byte)0x03);                 // flags
        assertThat(buffer.getByte(RECORD_OFFSET + 2)).isEqualTo((byte)16);                   // event type: XID
        assertThat(buffer.getByte(RECORD_OFFSET + 3)).isEqualTo((byte)3);                    // GTID kind: MariaDB
        assertThat(buffer.getShort(RECORD_OFFSET + 4, ByteOrder.LITTLE_ENDIAN)).isEqualTo((short)13); // name length
        assertThat(buffer.getShort(RECORD_OFFSET + 6, ByteOrder.LITTLE_ENDIAN)).isEqualTo((short)16); // GTID length
        assertThat(buffer.getByte(RECORD_OFFSET + 8)).isEqualTo((byte)0xF4);                 // timestamp, LSB first
        assertThat(buffer.getInt(RECORD_OFFSET + 12, ByteOrder.LITTLE_ENDIAN)).isEqualTo(19); // event length
        assertThat(buffer.getByte(RECORD_OFFSET + 16)).isEqualTo((byte)0x08);                // end position, LSB first
        assertThat(buffer.getByte(RECORD_OFFSET + 24)).isEqualTo((byte)0x18);                // receive time, LSB first
        assertThat(buffer.getStringWithoutLengthAscii(RECORD_OFFSET + 32, 13)).isEqualTo("binlog.000042");
        assertThat(buffer.getInt(RECORD_OFFSET + 45, ByteOrder.LITTLE_ENDIAN)).isEqualTo(7);  // MariaDB domain
    }

    @Test
    void roundTripsThroughTheFlyweightAtNonZeroOffset()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final EventMetadata metadata = new EventMetadata()
            .sourceFileName("mysql-bin.000003")
            .flags(RecordFlags.TRANSACTION_END)
            .eventType(33)
            .eventTimestamp(1_700_000_000L)
            .endPosition(4_000_000_123L)
            .receiveTimeNanos(1_700_000_000_123_456_789L)
            .mysqlGtid(new UnsafeBuffer(UUID_BYTES), 0, 987_654_321L);
        final byte[] event = {1, 2, 3, 4, 5, 6, 7};
        final int prefixLength = metadata.encodePrefix(buffer, RECORD_OFFSET, event.length);
        buffer.putBytes(RECORD_OFFSET + prefixLength, event);

        final RelayLogRecord record = new RelayLogRecord()
            .wrap(buffer, RECORD_OFFSET, seal(buffer, RECORD_OFFSET, prefixLength + event.length), 77L);

        assertThat(record.index()).isEqualTo(77L);
        assertThat(record.isTransactionEnd()).isTrue();
        assertThat(record.isAckRequested()).isFalse();
        assertThat(record.eventType()).isEqualTo(33);
        assertThat(record.eventTimestamp()).isEqualTo(1_700_000_000L);
        assertThat(record.endPosition()).isEqualTo(4_000_000_123L);
        assertThat(record.receiveTimeNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(record.sourceFileName()).isEqualTo("mysql-bin.000003");
        assertThat(record.gtidKind()).isEqualTo(GtidKind.MYSQL);
        assertThat(record.gtidLength()).isEqualTo(24);
        final byte[] uuid = new byte[16];
        record.buffer().getBytes(record.gtidOffset(), uuid);
        assertThat(uuid).isEqualTo(UUID_BYTES);
        assertThat(record.buffer().getLong(record.gtidOffset() + 16, ByteOrder.LITTLE_ENDIAN)).isEqualTo(987_654_321L);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[16]);
        assertThat(record.copyEvent(copy, 3)).isEqualTo(event.length);
        assertThat(copy.getByte(3)).isEqualTo((byte)1);
        assertThat(copy.getByte(9)).isEqualTo((byte)7);
    }

    @Test
    void roundTripsTaggedGtidAndNoGtid()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer tag = new UnsafeBuffer(new byte[8]);
        tag.putStringWithoutLengthAscii(1, "batch");
        final EventMetadata metadata = new EventMetadata().sourceFileName("b.1")
            .mysqlTaggedGtid(new UnsafeBuffer(UUID_BYTES), 0, 5, tag, 1, 5);

        int length = seal(buffer, 1, metadata.encodePrefix(buffer, 1, 0));
        RelayLogRecord record = new RelayLogRecord().wrap(buffer, 1, length, 0);
        assertThat(record.gtidKind()).isEqualTo(GtidKind.MYSQL_TAGGED);
        assertThat(record.buffer().getStringWithoutLengthAscii(record.gtidOffset() + 24, 5)).isEqualTo("batch");

        length = seal(buffer, 1, metadata.noGtid().encodePrefix(buffer, 1, 0));
        record = new RelayLogRecord().wrap(buffer, 1, length, 0);
        assertThat(record.gtidKind()).isEqualTo(GtidKind.NONE);
        assertThat(record.gtidLength()).isZero();
        assertThat(record.eventLength()).isZero();
    }

    @Test
    void rejectsUnknownFormatVersionNamingIndexAndVersion()
    {
        final UnsafeBuffer buffer = encodedRecord();
        buffer.putByte(RECORD_OFFSET, (byte)9);

        assertThatThrownBy(() -> new RelayLogRecord().wrap(buffer, RECORD_OFFSET, 32 + 3 + 2 + 4, 4242L))
            .isInstanceOf(UnsupportedRecordFormatException.class)
            .hasMessageContaining("index 4242")
            .hasMessageContaining("format version 9");
    }

    @Test
    void aRecordOfTheFormatWithoutChecksumsIsRefusedSayingWhatToDo()
    {
        final UnsafeBuffer buffer = encodedRecord();
        buffer.putByte(RECORD_OFFSET, (byte)1);

        assertThatThrownBy(() -> new RelayLogRecord().wrap(buffer, RECORD_OFFSET, 32 + 3 + 2, 7L))
            .isInstanceOf(UnsupportedRecordFormatException.class)
            .hasMessageContaining("index 7")
            .hasMessageContaining("older semisync-replica without record checksums")
            .hasMessageContaining("new data directory");
    }

    @Test
    void theLastFourBytesAreTheCrc32cOfAllButTheVersionByte()
    {
        final UnsafeBuffer buffer = encodedRecord();
        final CRC32C expected = new CRC32C();
        expected.update(buffer.byteArray(), RECORD_OFFSET + 1, 32 + 3 + 2 - 1);

        assertThat(buffer.getInt(RECORD_OFFSET + 32 + 3 + 2, ByteOrder.LITTLE_ENDIAN)).isEqualTo((int)expected.getValue());
    }

    @Test
    void anyFlippedBitAfterTheVersionFailsTheChecksumNamingTheIndex()
    {
        for (int bit = 8; bit < 8 * (32 + 3 + 2 + 4); bit++)
        {
            final UnsafeBuffer buffer = encodedRecord();
            final int at = RECORD_OFFSET + bit / 8;
            buffer.putByte(at, (byte)(buffer.getByte(at) ^ (1 << (bit % 8))));
            assertThatThrownBy(() -> new RelayLogRecord().wrap(buffer, RECORD_OFFSET, 32 + 3 + 2 + 4, 11L))
                .as("bit %d", bit)
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("index 11");
        }
        final UnsafeBuffer payload = encodedRecord();
        payload.putByte(RECORD_OFFSET + 32 + 3, (byte)0x0C);
        assertThatThrownBy(() -> new RelayLogRecord().wrap(payload, RECORD_OFFSET, 32 + 3 + 2 + 4, 12L))
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("record at index 12 (41 bytes) fails its CRC32C check");
    }

    @Test
    void theChecksumReadsOffHeapMemoryAsHeapMemory()
    {
        final UnsafeBuffer heap = encodedRecord();
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(heap.capacity()));
        direct.putBytes(0, heap, 0, heap.capacity());

        assertThat(new RelayLogRecord().wrap(direct, RECORD_OFFSET, 32 + 3 + 2 + 4, 1L).eventLength()).isEqualTo(2);
        assertThat(new RecordChecksum().reset().update(direct, RECORD_OFFSET + 1, 36).value())
            .isEqualTo(new RecordChecksum().reset().update(heap, RECORD_OFFSET + 1, 36).value());
    }

    @Test
    void rejectsLengthsThatDisagreeWithTheExcerpt()
    {
        final UnsafeBuffer buffer = encodedRecord();

        assertThatThrownBy(() -> new RelayLogRecord().wrap(buffer, RECORD_OFFSET, 32 + 3 + 2 + 4 + 1, 5L))
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("index 5")
            .hasMessageContaining("42 bytes but its header describes 41");
        assertThatThrownBy(() -> new RelayLogRecord().wrap(buffer, RECORD_OFFSET, 20, 6L))
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("shorter than the 32-byte header");
    }

    @Test
    void rejectsUnknownGtidKindAndUndefinedFlags()
    {
        final UnsafeBuffer buffer = encodedRecord();
        buffer.putByte(RECORD_OFFSET + RecordLayout.GTID_KIND_OFFSET, (byte)42);
        assertThatThrownBy(() -> new RelayLogRecord().wrap(buffer, RECORD_OFFSET, 41, 1L))
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("GTID kind code 42");

        final UnsafeBuffer flagged = encodedRecord();
        flagged.putByte(RECORD_OFFSET + RecordLayout.FLAGS_OFFSET, (byte)0x80);
        assertThatThrownBy(() -> new RelayLogRecord().wrap(flagged, RECORD_OFFSET, 41, 1L))
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining("undefined flag bits 0x80");
    }

    @Test
    void metadataRejectsBadInput()
    {
        final EventMetadata metadata = new EventMetadata();
        assertThatThrownBy(() -> metadata.sourceFileName(""))
            .hasMessageContaining("source file name must be 1..512");
        assertThatThrownBy(() -> metadata.sourceFileName("x".repeat(513)))
            .hasMessageContaining("got 513");
        assertThatThrownBy(() -> metadata.flags(0x04)).hasMessageContaining("undefined record flag bits: 0x4");
        assertThatThrownBy(() -> metadata.eventType(256)).hasMessageContaining("0..255");
        assertThatThrownBy(() -> metadata.eventTimestamp(-1)).hasMessageContaining("unsigned 32-bit");
    }

    private static UnsafeBuffer encodedRecord()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final int prefixLength = new EventMetadata().sourceFileName("b.1").encodePrefix(buffer, RECORD_OFFSET, 2);
        buffer.putShort(RECORD_OFFSET + prefixLength, (short)0x0A0B);
        seal(buffer, RECORD_OFFSET, prefixLength + 2);
        return buffer;
    }

    /** Appends the CRC32C to a record of {@code length} bytes as the writer does; returns the sealed length. */
    static int seal(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final int crc = new RecordChecksum().reset().update(buffer, offset + 1, length - 1).value();
        buffer.putInt(offset + length, crc, ByteOrder.LITTLE_ENDIAN);
        return length + RecordLayout.CHECKSUM_LENGTH;
    }
}

package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptRecordException;
import io.semisync.storage.UnsupportedRecordFormatException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Flyweight view of one stored record ({@link RecordLayout}) over a buffer at an offset. {@link #wrap} validates the
 * version and every length once; the accessors then read fields in place without allocating (except
 * {@link #sourceFileName()}, which builds a String for tools).
 */
public final class RelayLogRecord
{
    private final RecordChecksum checksum = new RecordChecksum();
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private long index;

    /**
     * Points this view at a record and validates it.
     *
     * @param buffer holding the record.
     * @param offset where the record starts.
     * @param length record length (the excerpt length).
     * @param index  the record's relay log index, named in errors.
     * @return this.
     * @throws UnsupportedRecordFormatException if the version byte is not {@link RecordLayout#FORMAT_VERSION}.
     * @throws CorruptRecordException           if a length or field is impossible, or the CRC32C does not match.
     */
    public RelayLogRecord wrap(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.index = index;
        validate();
        return this;
    }

    /**
     * @param buffer holding a record.
     * @param offset where the record starts.
     * @return whether recovery voided the record, so readers skip it.
     */
    public static boolean isVoided(final DirectBuffer buffer, final int offset)
    {
        return (buffer.getByte(offset + RecordLayout.FORMAT_VERSION_OFFSET) & 0xFF) == RecordLayout.VOIDED;
    }

    private void validate()
    {
        if (length < RecordLayout.HEADER_LENGTH)
        {
            throw new CorruptRecordException("record at index " + index + " is " + length +
                " bytes, shorter than the " + RecordLayout.HEADER_LENGTH + "-byte header");
        }
        final int version = buffer.getByte(offset + RecordLayout.FORMAT_VERSION_OFFSET) & 0xFF;
        if (version == RecordLayout.FORMAT_VERSION_WITHOUT_CHECKSUM)
        {
            throw new UnsupportedRecordFormatException("record at index " + index + " has format version " + version +
                ", written by an older semisync-replica without record checksums; this version reads version " +
                RecordLayout.FORMAT_VERSION + " only: replicate into a new data directory (or move this relay log away), and " +
                "dump or export the old one with the version that wrote it");
        }
        if (version != RecordLayout.FORMAT_VERSION)
        {
            throw new UnsupportedRecordFormatException("record at index " + index + " has format version " + version +
                ", this code reads version " + RecordLayout.FORMAT_VERSION);
        }
        if ((flags() & ~RecordFlags.ALL) != 0)
        {
            throw new CorruptRecordException("record at index " + index + " has undefined flag bits 0x" +
                Integer.toHexString(flags()));
        }
        final GtidKind kind = GtidKind.fromCode(buffer.getByte(offset + RecordLayout.GTID_KIND_OFFSET) & 0xFF);
        if (kind == null || !kind.isValidLength(gtidLength()))
        {
            throw new CorruptRecordException("record at index " + index + " has GTID kind code " +
                (buffer.getByte(offset + RecordLayout.GTID_KIND_OFFSET) & 0xFF) + " with length " + gtidLength());
        }
        final int nameLength = sourceFileNameLength();
        if (nameLength == 0 || nameLength > RecordLayout.MAX_SOURCE_FILE_NAME_LENGTH)
        {
            throw new CorruptRecordException("record at index " + index + " has source file name length " + nameLength);
        }
        final long eventLength = buffer.getInt(offset + RecordLayout.EVENT_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) &
            0xFFFF_FFFFL;
        final long expected = RecordLayout.recordLength(nameLength, gtidLength(), 0) + eventLength;
        if (expected != length)
        {
            throw new CorruptRecordException("record at index " + index + " is " + length + " bytes but its header " +
                "describes " + expected + " (name " + nameLength + ", GTID " + gtidLength() + ", event " +
                eventLength + ", CRC32C " + RecordLayout.CHECKSUM_LENGTH + ")");
        }
        checksum.verify(buffer, offset, length, index);
    }

    /**
     * @return relay log index of the record.
     */
    public long index()
    {
        return index;
    }

    /**
     * @return {@link RecordFlags} bits.
     */
    public int flags()
    {
        return buffer.getByte(offset + RecordLayout.FLAGS_OFFSET) & 0xFF;
    }

    /**
     * @return whether the log is consistent after this record (a commit point).
     */
    public boolean isTransactionEnd()
    {
        return (flags() & RecordFlags.TRANSACTION_END) != 0;
    }

    /**
     * @return whether the source asked for an ACK of this event.
     */
    public boolean isAckRequested()
    {
        return (flags() & RecordFlags.ACK_REQUESTED) != 0;
    }

    /**
     * @return binlog event type code.
     */
    public int eventType()
    {
        return buffer.getByte(offset + RecordLayout.EVENT_TYPE_OFFSET) & 0xFF;
    }

    /**
     * @return event timestamp, seconds since the epoch.
     */
    public long eventTimestamp()
    {
        return buffer.getInt(offset + RecordLayout.EVENT_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * @return end position of the event in its source binlog file.
     */
    public long endPosition()
    {
        return buffer.getLong(offset + RecordLayout.END_POSITION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return receive time, nanoseconds since the epoch.
     */
    public long receiveTimeNanos()
    {
        return buffer.getLong(offset + RecordLayout.RECEIVE_TIME_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the buffer the record lives in; use with the offset accessors.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return length of the UTF-8 source file name.
     */
    public int sourceFileNameLength()
    {
        return buffer.getShort(offset + RecordLayout.SOURCE_FILE_NAME_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return offset of the source file name in {@link #buffer()}.
     */
    public int sourceFileNameOffset()
    {
        return offset + RecordLayout.HEADER_LENGTH;
    }

    /**
     * @return the source file name as a new String (allocates: for tools and recovery, not the hot path).
     */
    public String sourceFileName()
    {
        final byte[] bytes = new byte[sourceFileNameLength()];
        buffer.getBytes(sourceFileNameOffset(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @param name UTF-8 bytes of a source file name.
     * @return whether the record's source file name is that one (compared in place, without a String).
     */
    public boolean isFromSourceFile(final byte[] name)
    {
        final int length = sourceFileNameLength();
        if (length != name.length)
        {
            return false;
        }
        final int nameOffset = sourceFileNameOffset();
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(nameOffset + i) != name[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return kind of the GTID bytes.
     */
    public GtidKind gtidKind()
    {
        return GtidKind.fromCode(buffer.getByte(offset + RecordLayout.GTID_KIND_OFFSET) & 0xFF);
    }

    /**
     * @return GTID length in bytes, 0 if none.
     */
    public int gtidLength()
    {
        return buffer.getShort(offset + RecordLayout.GTID_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return offset of the GTID bytes in {@link #buffer()}.
     */
    public int gtidOffset()
    {
        return sourceFileNameOffset() + sourceFileNameLength();
    }

    /**
     * @return event length in bytes.
     */
    public int eventLength()
    {
        return buffer.getInt(offset + RecordLayout.EVENT_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return offset of the event bytes in {@link #buffer()}.
     */
    public int eventOffset()
    {
        return gtidOffset() + gtidLength();
    }

    /**
     * Copies the event bytes out.
     *
     * @param destination buffer to copy into.
     * @param destinationOffset where to copy to.
     * @return bytes copied.
     */
    public int copyEvent(final MutableDirectBuffer destination, final int destinationOffset)
    {
        final int eventLength = eventLength();
        destination.putBytes(destinationOffset, buffer, eventOffset(), eventLength);
        return eventLength;
    }
}

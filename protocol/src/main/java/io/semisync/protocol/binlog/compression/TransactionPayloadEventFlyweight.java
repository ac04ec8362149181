package io.semisync.protocol.binlog.compression;

import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of MySQL's TRANSACTION_PAYLOAD event (type 40, {@code binlog_transaction_compression=ON}): after the common
 * header a list of fields, each a length-encoded type, a length-encoded length and a length-encoded value, ended by
 * type 0; then the payload, the transaction's events (without their own checksums) compressed as one zstd frame or
 * stored as they are.
 * <pre>
 *   type 1  payload size       bytes of the payload that follows the header
 *   type 2  compression type   0 zstd, 255 none
 *   type 3  uncompressed size  bytes of the events once decompressed (absent: the payload size)
 *   type 0  end of the header
 * </pre>
 * Unknown field types are skipped by their length, as the server does. {@link #wrap} checks the whole layout once.
 */
public final class TransactionPayloadEventFlyweight
{
    public static final int FIELD_END = 0;
    public static final int FIELD_PAYLOAD_SIZE = 1;
    public static final int FIELD_COMPRESSION_TYPE = 2;
    public static final int FIELD_UNCOMPRESSED_SIZE = 3;
    public static final int COMPRESSION_ZSTD = 0;
    public static final int COMPRESSION_NONE = 255;

    private DirectBuffer buffer;
    private int cursor;
    private int end;
    private long payloadSize;
    private int compressionType;
    private long uncompressedSize;
    private int payloadOffset;

    /**
     * Points the view at an event and reads its header fields.
     *
     * @param buffer         holding the event.
     * @param eventOffset    where the event (its common header) starts.
     * @param eventLength    the event's length, checksum included.
     * @param checksumLength 4 when the event ends with a CRC32, else 0.
     * @return this.
     * @throws CompressedEventException if the header runs past the event, lacks the payload size or names a payload
     *                                  that is not the rest of the event.
     */
    public TransactionPayloadEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength,
        final int checksumLength)
    {
        this.buffer = buffer;
        this.cursor = eventOffset + EventHeaderFlyweight.LENGTH;
        this.end = eventOffset + eventLength - checksumLength;
        payloadSize = -1;
        compressionType = COMPRESSION_ZSTD;
        uncompressedSize = -1;
        while (true)
        {
            final long type = readPacked();
            if (type == FIELD_END)
            {
                break;
            }
            final long length = readPacked();
            final int valueEnd = cursor + (int)Math.min(length, end - cursor);
            switch ((int)type)
            {
                case FIELD_PAYLOAD_SIZE -> payloadSize = readPacked();
                case FIELD_COMPRESSION_TYPE -> compressionType = (int)Math.min(readPacked(), Integer.MAX_VALUE);
                case FIELD_UNCOMPRESSED_SIZE -> uncompressedSize = readPacked();
                default -> cursor = valueEnd;
            }
        }
        if (payloadSize < 0)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event has no payload size field");
        }
        if (payloadSize != end - cursor)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event announces a payload of " + payloadSize
                + " bytes but " + (end - cursor) + " follow its header");
        }
        if (compressionType != COMPRESSION_ZSTD && compressionType != COMPRESSION_NONE)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event has compression type " + compressionType
                + ", known are 0 (zstd) and 255 (none)");
        }
        if (uncompressedSize < 0)
        {
            uncompressedSize = payloadSize;
        }
        payloadOffset = cursor;
        return this;
    }

    private long readPacked()
    {
        require(1);
        final int first = buffer.getByte(cursor) & 0xFF;
        cursor++;
        switch (first)
        {
            case 0xFC:
                require(2);
                cursor += 2;
                return buffer.getShort(cursor - 2, LITTLE_ENDIAN) & 0xFFFF;
            case 0xFD:
                require(3);
                cursor += 3;
                return (buffer.getShort(cursor - 3, LITTLE_ENDIAN) & 0xFFFF) | (buffer.getByte(cursor - 1) & 0xFFL) << 16;
            case 0xFE:
                require(8);
                cursor += 8;
                final long value = buffer.getLong(cursor - 8, LITTLE_ENDIAN);
                if (value < 0)
                {
                    throw new CompressedEventException("TRANSACTION_PAYLOAD event header holds the impossible value " + Long.toUnsignedString(value));
                }
                return value;
            case 0xFB:
            case 0xFF:
                throw new CompressedEventException("TRANSACTION_PAYLOAD event header holds the byte 0x"
                    + Integer.toHexString(first) + " where a length-encoded integer starts");
            default:
                return first;
        }
    }

    private void require(final int bytes)
    {
        if (end - cursor < bytes)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event header runs past the end of the event");
        }
    }

    /** Bytes of the payload. */
    public long payloadSize()
    {
        return payloadSize;
    }

    /** {@link #COMPRESSION_ZSTD} or {@link #COMPRESSION_NONE}. */
    public int compressionType()
    {
        return compressionType;
    }

    /** Bytes of the events once decompressed. */
    public long uncompressedSize()
    {
        return uncompressedSize;
    }

    /** Where the payload starts in the buffer. */
    public int payloadOffset()
    {
        return payloadOffset;
    }
}

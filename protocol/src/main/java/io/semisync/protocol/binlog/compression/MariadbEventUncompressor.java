package io.semisync.protocol.binlog.compression;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.QueryEventFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Turns MariaDB's compressed events ({@code log_bin_compress=ON}) into the plain events they stand for:
 * QUERY_COMPRESSED (165) into QUERY, WRITE/UPDATE/DELETE_ROWS_COMPRESSED v1 (166-168) into the v1 row events and v2
 * (169-171) into the v2 ones. Everything before the compressed part is kept as it is (for a query the post-header,
 * status variables and schema; for rows the post-header, the v2 extra data, the column count and the column
 * bitmaps); the compressed part is a record of one header byte (bit 7 set, bits 4-6 the algorithm, 0 = zlib, bits
 * 0-2 how many bytes the uncompressed length takes), that length big-endian, then a zlib stream. The plain event gets
 * its type, its new length and, when the compressed one had a checksum, a CRC32 of its own, as MariaDB's
 * {@code query_event_uncompress} and {@code row_log_event_uncompress} make it. One reused buffer and inflater;
 * not thread-safe.
 */
public final class MariadbEventUncompressor
{
    public static final int QUERY_COMPRESSED = 165;
    public static final int WRITE_ROWS_COMPRESSED_V1 = 166;
    public static final int UPDATE_ROWS_COMPRESSED_V1 = 167;
    public static final int DELETE_ROWS_COMPRESSED_V1 = 168;
    public static final int WRITE_ROWS_COMPRESSED_V2 = 169;
    public static final int UPDATE_ROWS_COMPRESSED_V2 = 170;
    public static final int DELETE_ROWS_COMPRESSED_V2 = 171;

    /** Rows post-header: table id (6 bytes) and flags; v2 adds the extra data, whose u16 length counts itself. */
    static final int ROWS_POST_HEADER_LENGTH = 8;
    private static final int RECORD_COMPRESSED_BIT = 0x80;
    private static final int RECORD_ALGORITHM_MASK = 0x70;
    private static final int RECORD_LENGTH_BYTES_MASK = 0x07;
    /**
     * The plain buffer grows by what the zlib stream gives (doubling from this), not by the size the event announces:
     * a short event that announces the limit takes no more memory than its stream inflates to.
     */
    private static final int INFLATE_STEP = 64 * 1024;

    private final long maxUncompressedBytes;
    private final ExpandableArrayBuffer plain = new ExpandableArrayBuffer(4096);
    private final BinlogChecksum checksum = new BinlogChecksum();
    private final Inflater inflater = new Inflater();
    private byte[] compressed = new byte[0];
    private int plainType;

    /**
     * @param maxUncompressedBytes the largest plain event a compressed one may announce, 1..
     *                             {@link DecompressionLimit#MAX_BYTES}.
     */
    public MariadbEventUncompressor(final long maxUncompressedBytes)
    {
        this.maxUncompressedBytes = DecompressionLimit.validate(maxUncompressedBytes);
    }

    /** Whether {@code type} is one of MariaDB's compressed event types. */
    public static boolean isCompressed(final int type)
    {
        return type >= QUERY_COMPRESSED && type <= DELETE_ROWS_COMPRESSED_V2;
    }

    /** The plain event type a compressed one stands for. */
    public static int plainType(final int type)
    {
        if (type == QUERY_COMPRESSED)
        {
            return BinlogEventType.QUERY;
        }
        if (type >= WRITE_ROWS_COMPRESSED_V1 && type <= DELETE_ROWS_COMPRESSED_V1)
        {
            return BinlogEventType.WRITE_ROWS_V1 + type - WRITE_ROWS_COMPRESSED_V1;
        }
        if (type >= WRITE_ROWS_COMPRESSED_V2 && type <= DELETE_ROWS_COMPRESSED_V2)
        {
            return BinlogEventType.WRITE_ROWS_V2 + type - WRITE_ROWS_COMPRESSED_V2;
        }
        throw new IllegalArgumentException("event type " + type + " is not a MariaDB compressed event");
    }

    /**
     * Writes the plain event of a compressed one into {@link #buffer()} at offset 0.
     *
     * @param buffer         holding the compressed event.
     * @param offset         where it starts.
     * @param length         its length, checksum included.
     * @param checksumLength 4 when it ends with a CRC32 (the plain event then gets one), else 0.
     * @return the plain event's length.
     * @throws UncompressedSizeLimitException if the event announces more than the limit.
     * @throws CompressedEventException       if its layout, record header or zlib stream is bad.
     */
    public int uncompress(final DirectBuffer buffer, final int offset, final int length, final int checksumLength)
    {
        final int type = buffer.getByte(offset + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
        plainType = plainType(type);
        final int end = offset + length - checksumLength;
        final int recordOffset = type == QUERY_COMPRESSED ? queryRecordOffset(buffer, offset, end) : rowsRecordOffset(buffer, offset, end, type);
        final String what = BinlogEventType.name(plainType) + " compressed event (type " + type + ")";
        if (recordOffset >= end)
        {
            throw new CompressedEventException(what + " of " + length + " bytes has no compressed part");
        }
        final int header = buffer.getByte(recordOffset) & 0xFF;
        final int lengthBytes = header & RECORD_LENGTH_BYTES_MASK;
        if ((header & RECORD_COMPRESSED_BIT) == 0 || lengthBytes < 1 || lengthBytes > 4 || recordOffset + 1 + lengthBytes > end)
        {
            throw new CompressedEventException(what + " has the record header 0x" + Integer.toHexString(header)
                + ", not a compressed record with a 1- to 4-byte length");
        }
        if ((header & RECORD_ALGORITHM_MASK) != 0)
        {
            throw new CompressedEventException(what + " uses compression algorithm " + ((header & RECORD_ALGORITHM_MASK) >> 4)
                + ", only 0 (zlib) is known");
        }
        long announced = 0;
        for (int i = 1; i <= lengthBytes; i++)
        {
            announced = announced << 8 | (buffer.getByte(recordOffset + i) & 0xFF);
        }
        if (announced == 0)
        {
            throw new CompressedEventException(what + " announces 0 uncompressed bytes");
        }
        final int prefixLength = recordOffset - offset;
        final int plainLength = DecompressionLimit.check(what, prefixLength + announced + checksumLength, maxUncompressedBytes);
        final int size = (int)announced;
        plain.putBytes(0, buffer, offset, prefixLength);
        inflate(what, buffer, recordOffset + 1 + lengthBytes, end, prefixLength, size);
        plain.putByte(EventHeaderFlyweight.TYPE_OFFSET, (byte)plainType);
        plain.putInt(EventHeaderFlyweight.EVENT_SIZE_OFFSET, plainLength, LITTLE_ENDIAN);
        if (checksumLength > 0)
        {
            plain.putInt(plainLength - checksumLength, checksum.compute(plain, 0, plainLength - checksumLength), LITTLE_ENDIAN);
        }
        return plainLength;
    }

    private static int queryRecordOffset(final DirectBuffer buffer, final int offset, final int end)
    {
        final int body = offset + EventHeaderFlyweight.LENGTH;
        if (end - body < QueryEventFlyweight.POST_HEADER_LENGTH)
        {
            throw new CompressedEventException("QUERY compressed event is too short for its post-header");
        }
        final int schemaLength = buffer.getByte(body + QueryEventFlyweight.SCHEMA_LENGTH_OFFSET) & 0xFF;
        final int statusVarsLength = buffer.getShort(body + QueryEventFlyweight.STATUS_VARS_LENGTH_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        return body + QueryEventFlyweight.POST_HEADER_LENGTH + statusVarsLength + schemaLength + 1;
    }

    private static int rowsRecordOffset(final DirectBuffer buffer, final int offset, final int end, final int type)
    {
        int cursor = offset + EventHeaderFlyweight.LENGTH + ROWS_POST_HEADER_LENGTH;
        if (type >= WRITE_ROWS_COMPRESSED_V2)
        {
            if (end - cursor < 2)
            {
                throw new CompressedEventException("rows compressed event (type " + type + ") is too short for its extra data length");
            }
            final int extraLength = buffer.getShort(cursor, LITTLE_ENDIAN) & 0xFFFF;
            if (extraLength < 2)
            {
                throw new CompressedEventException("rows compressed event (type " + type + ") has an extra data length of " + extraLength + ", below its own 2 bytes");
            }
            cursor += extraLength;
        }
        if (cursor >= end)
        {
            throw new CompressedEventException("rows compressed event (type " + type + ") ends before its column count");
        }
        final int first = buffer.getByte(cursor) & 0xFF;
        final long columns;
        if (first < 0xFB)
        {
            columns = first;
            cursor += 1;
        }
        else if (first == 0xFC && end - cursor >= 3)
        {
            columns = buffer.getShort(cursor + 1, LITTLE_ENDIAN) & 0xFFFF;
            cursor += 3;
        }
        else if (first == 0xFD && end - cursor >= 4)
        {
            columns = buffer.getInt(cursor, LITTLE_ENDIAN) >>> 8;
            cursor += 4;
        }
        else
        {
            throw new CompressedEventException("rows compressed event (type " + type + ") has a bad column count (first byte 0x"
                + Integer.toHexString(first) + ")");
        }
        final boolean update = type == UPDATE_ROWS_COMPRESSED_V1 || type == UPDATE_ROWS_COMPRESSED_V2;
        final long bitmaps = (columns + 7) / 8 * (update ? 2 : 1);
        return (int)Math.min(cursor + bitmaps, end);
    }

    private void inflate(final String what, final DirectBuffer buffer, final int from, final int end, final int at, final int size)
    {
        final int compressedLength = end - from;
        if (compressed.length < compressedLength)
        {
            compressed = new byte[compressedLength];
        }
        buffer.getBytes(from, compressed, 0, compressedLength);
        inflater.reset();
        inflater.setInput(compressed, 0, compressedLength);
        try
        {
            int produced = 0;
            while (produced < size && !inflater.finished())
            {
                plain.checkLimit(at + (int)Math.min(size, Math.max(INFLATE_STEP, 2L * produced)));
                final int step = inflater.inflate(plain.byteArray(), at + produced, Math.min(size, plain.capacity() - at) - produced);
                if (step == 0)
                {
                    break;
                }
                produced += step;
            }
            if (produced != size || !inflater.finished())
            {
                throw new CompressedEventException(what + " announces " + size + " uncompressed bytes but its zlib stream "
                    + (produced != size ? "gives " + produced : "goes on beyond them"));
            }
        }
        catch (final DataFormatException ex)
        {
            throw new CompressedEventException(what + " holds a bad zlib stream: " + ex.getMessage(), ex);
        }
    }

    /** The buffer holding the plain event after {@link #uncompress}; valid until its next call. */
    public MutableDirectBuffer buffer()
    {
        return plain;
    }

    /** The plain event's type after {@link #uncompress}. */
    public int plainType()
    {
        return plainType;
    }
}

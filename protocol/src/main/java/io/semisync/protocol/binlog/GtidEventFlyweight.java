package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import java.util.UUID;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of a MySQL GTID (33) or ANONYMOUS_GTID (34) event body: flags u8, source UUID (16 bytes, in the
 * UUID's own big-endian byte order), GNO u64 little-endian, then (MySQL 5.7+) the logical clock: type code u8,
 * last_committed u64, sequence_number u64; then (8.0+) the immediate commit timestamp, 7 bytes little-endian in
 * microseconds since the epoch, whose top bit says an original commit timestamp follows.
 */
public final class GtidEventFlyweight
{
    public static final int UUID_OFFSET = 1;
    public static final int GNO_OFFSET = 17;
    public static final int MIN_BODY_LENGTH = 25;
    public static final int IMMEDIATE_COMMIT_TIMESTAMP_OFFSET = 42;
    private static final int COMMIT_TIMESTAMP_LENGTH = 7;
    private static final long COMMIT_TIMESTAMP_MASK = (1L << 55) - 1;

    private DirectBuffer buffer;
    private int bodyOffset;
    private int bodyLength;

    public GtidEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength)
    {
        if (eventLength < EventHeaderFlyweight.LENGTH + MIN_BODY_LENGTH)
        {
            throw new MalformedPacketException("GTID event of " + eventLength + " bytes is too short");
        }
        this.buffer = buffer;
        this.bodyOffset = eventOffset + EventHeaderFlyweight.LENGTH;
        this.bodyLength = eventLength - EventHeaderFlyweight.LENGTH;
        return this;
    }

    public long uuidMostSignificantBits()
    {
        return buffer.getLong(bodyOffset + UUID_OFFSET, BIG_ENDIAN);
    }

    public long uuidLeastSignificantBits()
    {
        return buffer.getLong(bodyOffset + UUID_OFFSET + 8, BIG_ENDIAN);
    }

    public UUID uuid()
    {
        return new UUID(uuidMostSignificantBits(), uuidLeastSignificantBits());
    }

    public long gno()
    {
        return buffer.getLong(bodyOffset + GNO_OFFSET, LITTLE_ENDIAN);
    }

    /** Offset of the 24 GTID bytes (UUID then GNO) that the relay log stores. */
    public int gtidBytesOffset()
    {
        return bodyOffset + UUID_OFFSET;
    }

    /**
     * When the transaction committed on the server it came from (the one whose binlog we read), in microseconds since
     * the epoch on that server's clock; -1 when the event is too short to carry it (a source before MySQL 8.0).
     */
    public long immediateCommitMicros()
    {
        if (bodyLength < IMMEDIATE_COMMIT_TIMESTAMP_OFFSET + COMMIT_TIMESTAMP_LENGTH)
        {
            return -1;
        }
        final int offset = bodyOffset + IMMEDIATE_COMMIT_TIMESTAMP_OFFSET;
        final long low = buffer.getInt(offset, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        final long high = (buffer.getShort(offset + 4, LITTLE_ENDIAN) & 0xFFFFL) | (buffer.getByte(offset + 6) & 0xFFL) << 16;
        return (low | high << 32) & COMMIT_TIMESTAMP_MASK;
    }
}

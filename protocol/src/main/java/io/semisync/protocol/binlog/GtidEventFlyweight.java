package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import java.util.UUID;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of a MySQL GTID (33) or ANONYMOUS_GTID (34) event body: flags u8, source UUID (16 bytes, in the
 * UUID's own big-endian byte order), GNO u64 little-endian, then logical clocks this view does not need.
 */
public final class GtidEventFlyweight
{
    public static final int UUID_OFFSET = 1;
    public static final int GNO_OFFSET = 17;
    public static final int MIN_BODY_LENGTH = 25;

    private DirectBuffer buffer;
    private int bodyOffset;

    public GtidEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength)
    {
        if (eventLength < EventHeaderFlyweight.LENGTH + MIN_BODY_LENGTH)
        {
            throw new MalformedPacketException("GTID event of " + eventLength + " bytes is too short");
        }
        this.buffer = buffer;
        this.bodyOffset = eventOffset + EventHeaderFlyweight.LENGTH;
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
}

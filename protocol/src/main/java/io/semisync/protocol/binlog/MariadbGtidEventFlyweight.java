package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of a MariaDB GTID (162) event body: sequence number u64, domain id u32, flags u8 (then, with
 * {@link #FLAG_GROUP_COMMIT_ID}, the group's commit id u64). The GTID's server id is the event header's. A
 * transaction flagged standalone has no closing XID or COMMIT: the one event after the GTID is the whole
 * transaction.
 */
public final class MariadbGtidEventFlyweight
{
    public static final int SEQUENCE_OFFSET = 0;
    public static final int DOMAIN_OFFSET = 8;
    public static final int FLAGS_OFFSET = 12;
    public static final int FLAG_STANDALONE = 0x01;
    /** FL_GROUP_COMMIT_ID: the transaction was committed in a binlog group with others; a commit id follows the flags. */
    public static final int FLAG_GROUP_COMMIT_ID = 0x02;
    /** Sequence (8), domain (4) and the body's flags byte: the 13 GTID bytes the relay log stores with the server id. */
    public static final int GTID_BYTES_LENGTH = 13;

    private DirectBuffer buffer;
    private int bodyOffset;

    public MariadbGtidEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength)
    {
        if (eventLength < EventHeaderFlyweight.LENGTH + GTID_BYTES_LENGTH)
        {
            throw new MalformedPacketException("MariaDB GTID event of " + eventLength + " bytes is too short");
        }
        this.buffer = buffer;
        this.bodyOffset = eventOffset + EventHeaderFlyweight.LENGTH;
        return this;
    }

    public long sequence()
    {
        return buffer.getLong(bodyOffset + SEQUENCE_OFFSET, LITTLE_ENDIAN);
    }

    public long domain()
    {
        return buffer.getInt(bodyOffset + DOMAIN_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    public boolean isStandalone()
    {
        return (buffer.getByte(bodyOffset + FLAGS_OFFSET) & FLAG_STANDALONE) != 0;
    }

    /** Whether the source committed this transaction in one binlog group commit with others (it has a commit id). */
    public boolean isInCommitGroup()
    {
        return (buffer.getByte(bodyOffset + FLAGS_OFFSET) & FLAG_GROUP_COMMIT_ID) != 0;
    }
}

package io.semisync.replica.serve;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.replica.session.GtidText;
import io.semisync.replica.session.MariadbGtidPosition;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.UUID;

/** The transactions a downstream replica already has, so that its dump leaves them out, told by their GTIDs. */
interface ReplicaGtids
{
    /** Nothing: a dump by file and position sends everything from there. */
    ReplicaGtids NONE = record -> false;

    /** Whether the replica has the transaction that {@code record}, a record with a GTID, begins. */
    boolean has(RelayLogRecord record);

    /** A MySQL replica's executed GTID set, from COM_BINLOG_DUMP_GTID, tags and all. */
    static ReplicaGtids mysql(final GtidSet executed)
    {
        return record -> holds(executed, record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength());
    }

    /** Whether {@code executed} holds the GTID of {@code kind} stored at {@code offset} ({@link GtidKind}); MariaDB's never. */
    static boolean holds(final GtidSet executed, final GtidKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        if (kind != GtidKind.MYSQL && kind != GtidKind.MYSQL_TAGGED)
        {
            return false;
        }
        final UUID uuid = new UUID(buffer.getLong(offset, ByteOrder.BIG_ENDIAN), buffer.getLong(offset + Long.BYTES, ByteOrder.BIG_ENDIAN));
        final long gno = buffer.getLong(offset + GtidText.MYSQL_GNO_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (kind == GtidKind.MYSQL)
        {
            return executed.contains(uuid, gno);
        }
        return executed.contains(uuid, buffer.getStringWithoutLengthAscii(offset + GtidText.MYSQL_TAG_OFFSET,
            length - GtidText.MYSQL_TAG_OFFSET), gno);
    }

    /**
     * A MariaDB replica's position ({@code @slave_connect_state}): the last GTID of each domain it applied. It has a
     * transaction of a domain it names up to that sequence number, and none of a domain it does not name.
     */
    static ReplicaGtids mariadb(final MariadbGtidPosition position)
    {
        return record ->
        {
            if (record.gtidKind() != GtidKind.MARIADB)
            {
                return false;
            }
            final long domain = record.buffer().getInt(record.gtidOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            final long sequence = record.buffer().getLong(record.gtidOffset() + 2 * Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
            return sequence <= position.sequence(domain);
        };
    }
}

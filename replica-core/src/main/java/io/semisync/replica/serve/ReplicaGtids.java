package io.semisync.replica.serve;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.replica.session.GtidText;
import io.semisync.replica.session.MariadbGtidPosition;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLogRecord;

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
        return record ->
        {
            if (record.gtidKind() != GtidKind.MYSQL && record.gtidKind() != GtidKind.MYSQL_TAGGED)
            {
                return false;
            }
            final int at = record.gtidOffset();
            final UUID uuid = new UUID(record.buffer().getLong(at, ByteOrder.BIG_ENDIAN),
                record.buffer().getLong(at + Long.BYTES, ByteOrder.BIG_ENDIAN));
            final long gno = record.buffer().getLong(at + GtidText.MYSQL_GNO_OFFSET, ByteOrder.LITTLE_ENDIAN);
            return record.gtidKind() == GtidKind.MYSQL ? executed.contains(uuid, gno) : executed.contains(uuid,
                record.buffer().getStringWithoutLengthAscii(at + GtidText.MYSQL_TAG_OFFSET, record.gtidLength() - GtidText.MYSQL_TAG_OFFSET),
                gno);
        };
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

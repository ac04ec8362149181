package io.semisync.replica.session;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.storage.relaylog.GtidKind;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Which transactions the replica holds, in the form the source takes to resume: a MySQL GTID set
 * (COM_BINLOG_DUMP_GTID) or a MariaDB GTID position ({@code @slave_connect_state}). Saved in the relay
 * log's GTID checkpoint as the text {@code mysql:<set>} or {@code mariadb:<position>}.
 */
public final class GtidState implements ResumePoint
{
    private static final String MYSQL_PREFIX = "mysql:";
    private static final String MARIADB_PREFIX = "mariadb:";

    private final boolean mariadb;
    private final GtidSet mysql;
    private final MariadbGtidPosition mariadbPosition;

    private GtidState(final boolean mariadb, final String text)
    {
        this.mariadb = mariadb;
        this.mysql = mariadb ? null : GtidSet.parse(text);
        this.mariadbPosition = mariadb ? MariadbGtidPosition.parse(text) : null;
    }

    /** A state from the source's text form ({@code gtid_executed} or {@code gtid_binlog_pos}). */
    public static GtidState of(final boolean mariadb, final String text)
    {
        return new GtidState(mariadb, text);
    }

    /** Reads a saved checkpoint. */
    public static GtidState fromCheckpoint(final byte[] state)
    {
        final String text = new String(state, StandardCharsets.UTF_8);
        if (text.startsWith(MYSQL_PREFIX))
        {
            return new GtidState(false, text.substring(MYSQL_PREFIX.length()));
        }
        if (text.startsWith(MARIADB_PREFIX))
        {
            return new GtidState(true, text.substring(MARIADB_PREFIX.length()));
        }
        throw new IllegalStateException("the relay log's GTID checkpoint is neither mysql: nor mariadb: state: " + text);
    }

    public boolean isMariadb()
    {
        return mariadb;
    }

    /** Adds the GTID of a stored transaction, as the relay log keeps it ({@link GtidKind}), {@code length} bytes. */
    public void add(final GtidKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        if (kind == GtidKind.MYSQL || kind == GtidKind.MYSQL_TAGGED)
        {
            if (mariadb)
            {
                throw new IllegalStateException("the relay log holds MySQL GTIDs but this replica follows a MariaDB source");
            }
            final long msb = buffer.getLong(offset, ByteOrder.BIG_ENDIAN);
            final long lsb = buffer.getLong(offset + Long.BYTES, ByteOrder.BIG_ENDIAN);
            final long gno = buffer.getLong(offset + GtidText.MYSQL_GNO_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (kind == GtidKind.MYSQL)
            {
                mysql.add(msb, lsb, gno);
            }
            else
            {
                mysql.add(msb, lsb, buffer, offset + GtidText.MYSQL_TAG_OFFSET, length - GtidText.MYSQL_TAG_OFFSET, gno);
            }
        }
        else if (kind == GtidKind.MARIADB)
        {
            if (!mariadb)
            {
                throw new IllegalStateException("the relay log holds MariaDB GTIDs but this replica follows a MySQL source");
            }
            mariadbPosition.set(buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL,
                buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL, buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** The MySQL set, for COM_BINLOG_DUMP_GTID. */
    public GtidSet mysqlSet()
    {
        return mysql;
    }

    @Override
    public byte[] toCheckpoint()
    {
        return ((mariadb ? MARIADB_PREFIX : MYSQL_PREFIX) + this).getBytes(StandardCharsets.UTF_8);
    }

    /** The text form the source understands. */
    @Override
    public String toString()
    {
        return mariadb ? mariadbPosition.toString() : mysql.toString();
    }
}

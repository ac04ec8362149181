package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.server.SqlErrorException;

import java.nio.charset.StandardCharsets;

/**
 * A decoded binlog dump request. COM_BINLOG_DUMP_GTID: flags u16 (1 non-blocking, 2 HEARTBEAT_V2), server id u32, file
 * name length u32, file name, position u64, GTID set length u32 and the GTID set in its binary form, untagged or, from a
 * replica whose GTIDs hold a tag (MySQL 8.3+), tagged ({@link GtidSet#decode}). COM_BINLOG_DUMP: position
 * u32, flags u16 (1 non-blocking, 2 MariaDB's "send ANNOTATE_ROWS"), server id u32, the file name filling the rest.
 */
record DumpRequest(int flags, long serverId, String fileName, long position, GtidSet gtids)
{
    /** MySQL's USE_HEARTBEAT_EVENT_V2 flag of COM_BINLOG_DUMP_GTID: the replica reads HEARTBEAT_V2 events. */
    static final int HEARTBEAT_V2 = 0x02;
    /** MariaDB's BINLOG_SEND_ANNOTATE_ROWS_EVENT flag of COM_BINLOG_DUMP. */
    static final int SEND_ANNOTATE_ROWS = 0x02;

    static DumpRequest decodePosition(final ByteBuf body)
    {
        if (!body.isReadable(Integer.BYTES + Short.BYTES + Integer.BYTES))
        {
            throw new SqlErrorException(1236, "HY000", "malformed COM_BINLOG_DUMP: " + body.readableBytes()
                + " bytes do not hold a position, flags and a server id");
        }
        final long position = body.readUnsignedIntLE();
        final int flags = body.readUnsignedShortLE();
        final long serverId = body.readUnsignedIntLE();
        final String fileName = body.readCharSequence(body.readableBytes(), StandardCharsets.UTF_8).toString();
        return new DumpRequest(flags, serverId, fileName, position, new GtidSet());
    }

    static DumpRequest decodeGtid(final ByteBuf body)
    {
        try
        {
            final int flags = body.readUnsignedShortLE();
            final long serverId = body.readUnsignedIntLE();
            final int nameLength = (int)body.readUnsignedIntLE();
            final String fileName = body.readCharSequence(nameLength, StandardCharsets.UTF_8).toString();
            final long position = body.readLongLE();
            final GtidSet gtids = body.isReadable(Integer.BYTES) ? GtidSet.decode(body.skipBytes(Integer.BYTES)) : new GtidSet();
            return new DumpRequest(flags, serverId, fileName, position, gtids);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new SqlErrorException(1236, "HY000", "malformed COM_BINLOG_DUMP_GTID: it ends before its GTID set does");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SqlErrorException(1236, "HY000", "malformed COM_BINLOG_DUMP_GTID: " + ex.getMessage());
        }
    }
}

package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.wire.LengthEncoding;

import java.nio.charset.StandardCharsets;

/**
 * What a source sends to an idle replica every heartbeat period, naming the binlog file and the end position of the
 * last event it sent or skipped. The replica checks both against what it received: the file must be the one the last
 * ROTATE named and the position at or past the last event's. Version 1 (HEARTBEAT, 27; MariaDB and MySQL replicas that
 * did not ask for version 2) holds the file name as its body and the position in the header's log_pos; version 2
 * (HEARTBEAT_V2, 41; COM_BINLOG_DUMP_GTID with flag 0x02) holds fields of type, length and value, each a length-encoded
 * integer: 1 the file name, 2 the position (itself length-encoded), 0 the end.
 */
final class HeartbeatEvent
{
    private static final int END_MARK = 0;
    private static final int FILE_NAME_FIELD = 1;
    private static final int POSITION_FIELD = 2;

    private HeartbeatEvent()
    {
    }

    static byte[] v1(final long serverId, final String fileName, final long position, final boolean checksummed)
    {
        return SyntheticEvent.build(BinlogEventType.HEARTBEAT, serverId, position, 0, fileName.getBytes(StandardCharsets.UTF_8),
            checksummed);
    }

    static byte[] v2(final long serverId, final String fileName, final long position, final boolean checksummed)
    {
        final byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        final ByteBuf body = Unpooled.buffer();
        try
        {
            LengthEncoding.writeInteger(body, FILE_NAME_FIELD);
            LengthEncoding.writeBytes(body, name);
            LengthEncoding.writeInteger(body, POSITION_FIELD);
            LengthEncoding.writeInteger(body, LengthEncoding.integerLength(position));
            LengthEncoding.writeInteger(body, position);
            LengthEncoding.writeInteger(body, END_MARK);
            final byte[] bytes = new byte[body.readableBytes()];
            body.readBytes(bytes);
            return SyntheticEvent.build(BinlogEventType.HEARTBEAT_V2, serverId, 0, 0, bytes, checksummed);
        }
        finally
        {
            body.release();
        }
    }
}

package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The ROTATE event a source sends as it opens each binlog file for a dump: artificial (flag 0x20), log position 0,
 * naming the file and the position the stream goes on from.
 */
final class ArtificialRotate
{
    private ArtificialRotate()
    {
    }

    /** The event's bytes as the source with server id {@code serverId} writes it. */
    static byte[] event(final long serverId, final String fileName, final long position, final boolean checksummed)
    {
        final byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        final byte[] body = ByteBuffer.allocate(Long.BYTES + name.length).order(ByteOrder.LITTLE_ENDIAN).putLong(position).put(name).array();
        return SyntheticEvent.build(BinlogEventType.ROTATE, serverId, 0, EventHeaderFlyweight.LOG_EVENT_ARTIFICIAL_F, body, checksummed);
    }
}

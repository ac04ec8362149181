package io.semisync.replica.serve;

import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * What a dump needs besides the relay log: the source's server id for the events this node makes up, the source's
 * FORMAT_DESCRIPTION as sent where a file is not served from its start (log_pos 0, as a source sends it for a dump that
 * starts inside a file, so the replica does not take its position for its own), whether events carry a CRC32, the
 * heartbeat period the replica asked for (0: none) and version, and whether the replica registered as semisync (each
 * packet then has the 0xEF header, and transaction ends ask for its ACK).
 */
record StreamStart(long serverId, byte[] formatDescription, boolean checksummed, long heartbeatPeriodNanos, boolean heartbeatV2,
    boolean semisync)
{
    /** From the source's FORMAT_DESCRIPTION event, checksum included. */
    static StreamStart of(final long serverId, final byte[] sourceFormatDescription, final long heartbeatPeriodNanos,
        final boolean heartbeatV2, final boolean semisync)
    {
        final byte[] event = sourceFormatDescription.clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(event);
        final boolean checksummed = new FormatDescriptionEventFlyweight().wrap(buffer, 0, event.length).checksumAlgorithm()
            == BinlogChecksum.ALGORITHM_CRC32;
        buffer.putInt(EventHeaderFlyweight.LOG_POS_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        if (checksummed)
        {
            SyntheticEvent.recomputeChecksum(event);
        }
        return new StreamStart(serverId, event, checksummed, heartbeatPeriodNanos, heartbeatV2, semisync);
    }

    byte[] heartbeat(final String fileName, final long position)
    {
        return heartbeatV2 ? HeartbeatEvent.v2(serverId, fileName, position, checksummed)
            : HeartbeatEvent.v1(serverId, fileName, position, checksummed);
    }

    byte[] rotate(final String fileName, final long position)
    {
        return ArtificialRotate.event(serverId, fileName, position, checksummed);
    }
}

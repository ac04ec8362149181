package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.binlog.SemiSyncAck;

/**
 * One packet of a binlog dump: the 0x00 OK marker, on a semisync dump the 0xEF magic and a flag (0x01: acknowledge
 * this event), and one binlog event's bytes, checksum included.
 */
record EventPacket(byte[] event, boolean semisync, boolean ackRequested) implements ServerMessage
{
    private static final int SEMISYNC_HEADER_LENGTH = 2;
    private static final int ACK_REQUESTED = 0x01;

    @Override
    public int payloadLength()
    {
        return 1 + (semisync ? SEMISYNC_HEADER_LENGTH : 0) + event.length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeByte(0);
        if (semisync)
        {
            out.writeByte(SemiSyncAck.MAGIC);
            out.writeByte(ackRequested ? ACK_REQUESTED : 0);
        }
        out.writeBytes(event);
    }
}

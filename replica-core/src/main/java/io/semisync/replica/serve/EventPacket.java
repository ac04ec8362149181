package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ServerMessage;

/** One packet of a binlog dump: the 0x00 OK marker and one binlog event's bytes, checksum included. */
record EventPacket(byte[] event) implements ServerMessage
{
    @Override
    public int payloadLength()
    {
        return 1 + event.length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeByte(0);
        out.writeBytes(event);
    }
}

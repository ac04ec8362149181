package io.semisync.protocol.binlog;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;

import java.nio.charset.StandardCharsets;

/**
 * The semisync ACK: its own packet with sequence id 0, holding 0xEF, the binlog position (u64 LE) of the
 * acknowledged event's end, and the binlog file name (no NUL). The source never answers; ACKs are
 * cumulative. One instance is reused for every ACK of a connection: set it, then write it from the
 * channel's event loop, where the encoder copies it out at once.
 */
public final class SemiSyncAck implements ClientMessage
{
    public static final int MAGIC = 0xEF;

    private String fileNameText = "";
    private byte[] fileName = new byte[0];
    private long position;

    /** Sets the file the next ACKs refer to; encodes it only when it differs from the current one (a rotate). */
    public SemiSyncAck fileName(final String name)
    {
        if (!name.equals(fileNameText))
        {
            fileNameText = name;
            fileName = name.getBytes(StandardCharsets.US_ASCII);
        }
        return this;
    }

    public SemiSyncAck position(final long endPosition)
    {
        position = endPosition;
        return this;
    }

    public long position()
    {
        return position;
    }

    public String fileName()
    {
        return fileNameText;
    }

    @Override
    public int payloadLength()
    {
        return 1 + Long.BYTES + fileName.length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        out.writeByte(MAGIC).writeLongLE(position).writeBytes(fileName);
    }

    @Override
    public boolean startsSequence()
    {
        return true;
    }
}

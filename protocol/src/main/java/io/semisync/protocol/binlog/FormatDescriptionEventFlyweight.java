package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

/**
 * View of a FORMAT_DESCRIPTION event: the first real event of every binlog file. Its body ends with the
 * checksum algorithm byte (0 off, 1 CRC32) followed by four checksum bytes, whatever the algorithm.
 */
public final class FormatDescriptionEventFlyweight
{
    public static final int SERVER_VERSION_OFFSET = 2;
    public static final int SERVER_VERSION_LENGTH = 50;
    private static final int TRAILER_LENGTH = 1 + BinlogChecksum.LENGTH;

    private DirectBuffer buffer;
    private int eventOffset;
    private int eventLength;

    public FormatDescriptionEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength)
    {
        if (eventLength < EventHeaderFlyweight.LENGTH + SERVER_VERSION_OFFSET + SERVER_VERSION_LENGTH + TRAILER_LENGTH)
        {
            throw new MalformedPacketException("FORMAT_DESCRIPTION event of " + eventLength + " bytes is too short");
        }
        this.buffer = buffer;
        this.eventOffset = eventOffset;
        this.eventLength = eventLength;
        return this;
    }

    /** {@link BinlogChecksum#ALGORITHM_OFF} or {@link BinlogChecksum#ALGORITHM_CRC32}. */
    public int checksumAlgorithm()
    {
        return buffer.getByte(eventOffset + eventLength - TRAILER_LENGTH) & 0xFF;
    }

    public String serverVersion()
    {
        final int start = eventOffset + EventHeaderFlyweight.LENGTH + SERVER_VERSION_OFFSET;
        int end = start;
        while (end < start + SERVER_VERSION_LENGTH && buffer.getByte(end) != 0)
        {
            end++;
        }
        return buffer.getStringWithoutLengthAscii(start, end - start);
    }
}

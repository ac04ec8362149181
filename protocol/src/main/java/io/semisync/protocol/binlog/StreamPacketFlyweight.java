package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

/**
 * View of one packet of a binlog dump stream:
 * <pre>
 *   0x00 [0xEF flag] event...   an event; the two bytes in brackets only on a semisync stream,
 *                               flag 0x01 asks the replica to ACK this event
 *   0xFE ...                    end of the stream (a short EOF packet)
 *   0xFF ...                    an error (see the ERR packet)
 * </pre>
 */
public final class StreamPacketFlyweight
{
    public static final int OK_MARKER = 0x00;
    public static final int EOF_MARKER = 0xFE;
    public static final int ERR_MARKER = 0xFF;
    public static final int SEMISYNC_MAGIC = 0xEF;
    public static final int SEMISYNC_ACK_NEEDED = 0x01;
    /** An EOF packet is shorter than this; a longer packet starting 0xFE would be data. */
    private static final int EOF_MAX_LENGTH = 9;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int eventOffset;
    private boolean ackNeeded;

    /**
     * Points the view at a packet payload and reads its header.
     *
     * @param semisync whether the dump was registered as semisync, so events carry the two-byte header
     * @throws MalformedPacketException if the packet is empty, has an unknown marker or a bad semisync header
     */
    public StreamPacketFlyweight wrap(final DirectBuffer buffer, final int offset, final int length, final boolean semisync)
    {
        if (length < 1)
        {
            throw new MalformedPacketException("empty packet in the binlog stream");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.ackNeeded = false;
        this.eventOffset = offset + 1;
        final int marker = marker();
        if (marker == OK_MARKER && semisync)
        {
            if (length < 3 || (buffer.getByte(offset + 1) & 0xFF) != SEMISYNC_MAGIC)
            {
                throw new MalformedPacketException("semisync stream packet of " + length + " bytes lacks the 0xEF header");
            }
            ackNeeded = (buffer.getByte(offset + 2) & SEMISYNC_ACK_NEEDED) != 0;
            eventOffset = offset + 3;
        }
        else if (marker != OK_MARKER && marker != ERR_MARKER && !(marker == EOF_MARKER && length < EOF_MAX_LENGTH))
        {
            throw new MalformedPacketException(String.format("unexpected packet marker 0x%02X in the binlog stream", marker));
        }
        return this;
    }

    public int marker()
    {
        return buffer.getByte(offset) & 0xFF;
    }

    public boolean isEvent()
    {
        return marker() == OK_MARKER;
    }

    public boolean isEndOfStream()
    {
        return marker() == EOF_MARKER;
    }

    public boolean isError()
    {
        return marker() == ERR_MARKER;
    }

    /** Whether the source waits for an ACK of this event. */
    public boolean ackNeeded()
    {
        return ackNeeded;
    }

    public int eventOffset()
    {
        return eventOffset;
    }

    public int eventLength()
    {
        return offset + length - eventOffset;
    }
}

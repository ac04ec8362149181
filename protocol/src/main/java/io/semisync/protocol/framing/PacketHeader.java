package io.semisync.protocol.framing;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over the 4-byte header in front of every packet: a 3-byte little-endian payload length and a
 * 1-byte sequence id. A payload of {@link #MAX_CHUNK_LENGTH} bytes is continued by the next packet.
 */
public final class PacketHeader
{
    /** Offset of the 3-byte little-endian payload length. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the 1-byte sequence id. */
    public static final int SEQUENCE_OFFSET = 3;
    /** Bytes in a packet header. */
    public static final int HEADER_LENGTH = 4;
    /** The largest payload one packet carries; a packet this long is continued by the next one. */
    public static final int MAX_CHUNK_LENGTH = 0xFF_FFFF;

    private ByteBuf buffer;
    private int offset;

    /** Points this view at the header starting at {@code offset}; at least {@link #HEADER_LENGTH} bytes must follow. */
    public PacketHeader wrap(final ByteBuf buffer, final int offset)
    {
        if (offset < 0 || offset > buffer.capacity() - HEADER_LENGTH)
        {
            throw new IndexOutOfBoundsException("packet header at " + offset + " does not fit in " + buffer.capacity() + " bytes");
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Payload bytes announced by this header (0 to {@link #MAX_CHUNK_LENGTH}). */
    public int payloadLength()
    {
        return buffer.getUnsignedMediumLE(offset + LENGTH_OFFSET);
    }

    /** Sequence id, 0 to 255. */
    public int sequenceId()
    {
        return buffer.getUnsignedByte(offset + SEQUENCE_OFFSET);
    }

    /** Whether the payload continues in the next packet. */
    public boolean isContinued()
    {
        return payloadLength() == MAX_CHUNK_LENGTH;
    }

    /** Writes a header at the writer index of {@code out}. */
    public static void write(final ByteBuf out, final int payloadLength, final int sequenceId)
    {
        out.writeMediumLE(payloadLength);
        out.writeByte(sequenceId);
    }

    /** Bytes on the wire for a payload of {@code payloadLength} bytes: headers of every chunk included. */
    public static long framedLength(final long payloadLength)
    {
        return payloadLength + (long)HEADER_LENGTH * (payloadLength / MAX_CHUNK_LENGTH + 1);
    }
}

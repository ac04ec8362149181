package io.semisync.protocol.binlog;

import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32;

import java.util.zip.CRC32;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The CRC32 that ends each event when the source's {@code binlog_checksum} is CRC32: computed over every
 * byte of the event before it, stored little-endian. Off-heap buffers use the JDK's intrinsic through
 * their address, heap buffers a reused {@link CRC32}; neither allocates.
 */
public final class BinlogChecksum
{
    /** Length of the checksum at the end of an event. */
    public static final int LENGTH = 4;

    /** Values of the checksum algorithm byte of FORMAT_DESCRIPTION. */
    public static final int ALGORITHM_OFF = 0;
    public static final int ALGORITHM_CRC32 = 1;

    private final CRC32 heapCrc = new CRC32();

    /** The CRC32 of {@code length} bytes at {@code offset}. */
    public int compute(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (array == null)
        {
            return Crc32.INSTANCE.compute(buffer.addressOffset(), offset, length);
        }
        heapCrc.reset();
        heapCrc.update(array, buffer.wrapAdjustment() + offset, length);
        return (int)heapCrc.getValue();
    }

    /** Whether the last four bytes of the event at {@code offset} hold the CRC32 of the bytes before them. */
    public boolean matches(final DirectBuffer buffer, final int offset, final int eventLength)
    {
        final int bodyEnd = offset + eventLength - LENGTH;
        return compute(buffer, offset, eventLength - LENGTH) == buffer.getInt(bodyEnd, LITTLE_ENDIAN);
    }
}

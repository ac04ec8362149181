package io.semisync.protocol.binlog;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Helpers for event fixtures: append the CRC32 the source would, and place bytes at an offset of a larger buffer. */
public final class BinlogEvents
{
    /** Filler around a fixture placed at an offset, so that a view reading outside its bounds sees garbage. */
    static final byte FILLER = (byte)0xEE;

    private BinlogEvents()
    {
    }

    /** The bytes followed by their CRC32, little-endian, computed with the JDK's {@link CRC32}. */
    public static byte[] withCrc(final byte[] event)
    {
        final CRC32 crc = new CRC32();
        crc.update(event);
        final byte[] out = Arrays.copyOf(event, event.length + BinlogChecksum.LENGTH);
        final long value = crc.getValue();
        for (int i = 0; i < BinlogChecksum.LENGTH; i++)
        {
            out[event.length + i] = (byte)(value >>> (8 * i));
        }
        return out;
    }

    /** A heap buffer holding {@code bytes} at {@code offset}, filler before and after. */
    public static UnsafeBuffer heapAt(final byte[] bytes, final int offset)
    {
        final byte[] array = new byte[offset + bytes.length + 7];
        Arrays.fill(array, FILLER);
        System.arraycopy(bytes, 0, array, offset, bytes.length);
        return new UnsafeBuffer(array);
    }

    /** An off-heap buffer holding {@code bytes} at {@code offset}, filler before and after. */
    public static UnsafeBuffer directAt(final byte[] bytes, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(offset + bytes.length + 7));
        buffer.setMemory(0, buffer.capacity(), FILLER);
        buffer.putBytes(offset, bytes);
        return buffer;
    }
}

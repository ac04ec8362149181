package io.semisync.storage.relaylog;

import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Presents the content of the excerpt being read as an Agrona buffer: in place over the mapped file when the
 * excerpt lies in one mapping (the usual case), else copied into a reused buffer that only grows.
 */
final class ExcerptBuffer
{
    private final UnsafeBuffer mapped = new UnsafeBuffer(0, 0);
    private final ExpandableDirectByteBuffer copy = new ExpandableDirectByteBuffer(4096);
    private int length;

    /**
     * @param bytes the excerpt's bytes, read position at the content start, read limit at its end.
     * @return a buffer holding the content at offset 0.
     */
    DirectBuffer wrap(final Bytes<?> bytes)
    {
        final long start = bytes.readPosition();
        length = (int)bytes.readRemaining();
        if (bytes.isDirectMemory())
        {
            final long address = bytes.addressForRead(start);
            if (bytes.bytesStore().inside(start, length))
            {
                mapped.wrap(address, length);
                return mapped;
            }
        }
        copy.checkLimit(length);
        for (int i = 0; i < length; i++)
        {
            copy.putByte(i, bytes.readByte(start + i));
        }
        return copy;
    }

    /**
     * @return length of the content last wrapped.
     */
    int length()
    {
        return length;
    }
}

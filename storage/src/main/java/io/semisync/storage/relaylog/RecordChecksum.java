package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptRecordException;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The CRC32C of a record ({@link RecordLayout#CHECKSUM_LENGTH} bytes after its event), over everything but its version
 * byte, which recovery overwrites when it voids a record. Runs {@link CRC32C}'s intrinsic over heap arrays and over
 * off-heap memory (a mapped relay-log file, a network buffer) alike, through one reused {@link ByteBuffer} pointed at
 * the memory, so it allocates nothing. One instance per thread.
 */
final class RecordChecksum
{
    private static final long CAPACITY_OFFSET = UnsafeApi.objectFieldOffset(Buffer.class, "capacity");

    private final CRC32C crc = new CRC32C();
    private final ByteBuffer window = ByteBuffer.allocateDirect(0);

    /** Starts a new checksum. */
    RecordChecksum reset()
    {
        crc.reset();
        return this;
    }

    /** Adds {@code length} bytes of a heap array. */
    RecordChecksum update(final byte[] array, final int offset, final int length)
    {
        crc.update(array, offset, length);
        return this;
    }

    /** Adds {@code length} bytes of a buffer, on or off the heap. */
    RecordChecksum update(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            crc.update(array, buffer.wrapAdjustment() + offset, length);
        }
        else if (length > 0)
        {
            UnsafeApi.putLong(window, BufferUtil.BYTE_BUFFER_ADDRESS_FIELD_OFFSET, buffer.addressOffset() + offset);
            UnsafeApi.putInt(window, CAPACITY_OFFSET, length);
            window.limit(length).position(0);
            crc.update(window);
            UnsafeApi.putInt(window, CAPACITY_OFFSET, 0);
            window.limit(0);
        }
        return this;
    }

    /** The checksum of what was added, as stored. */
    int value()
    {
        return (int)crc.getValue();
    }

    /**
     * Checks the checksum of a whole record whose lengths were validated.
     *
     * @throws CorruptRecordException naming the index when the stored checksum differs from the record's bytes
     */
    void verify(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final int checksumOffset = offset + length - RecordLayout.CHECKSUM_LENGTH;
        final int stored = buffer.getInt(checksumOffset, ByteOrder.LITTLE_ENDIAN);
        final int computed = reset().update(buffer, offset + RecordLayout.FLAGS_OFFSET, checksumOffset - offset - RecordLayout.FLAGS_OFFSET)
            .value();
        if (stored != computed)
        {
            throw new CorruptRecordException("record at index " + index + " (" + length + " bytes) fails its CRC32C check: stored 0x"
                + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(computed)
                + ": its bytes were torn by a crash or damaged on disk");
        }
    }
}

package io.semisync.protocol.binlog.compression;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decompresses a TRANSACTION_PAYLOAD event and walks the events inside it, which carry no checksum. Reuses one zstd
 * context and buffers that grow to the largest payload seen; refuses a payload that announces more uncompressed
 * bytes than its limit before growing anything, and grows for a zstd frame only as far as it decompresses. Not thread-safe; close it to free the zstd context.
 *
 * <pre>{@code
 * reader.open(buffer, offset, length, checksumLength);
 * while (reader.next()) { decode(reader.buffer(), reader.eventOffset(), reader.eventLength()); }
 * }</pre>
 */
public final class TransactionPayloadReader implements AutoCloseable
{
    private static final int DECOMPRESS_STEP = 64 * 1024;

    private final long maxUncompressedBytes;
    private final TransactionPayloadEventFlyweight payload = new TransactionPayloadEventFlyweight();
    private final ZstdDecompressCtx zstd = new ZstdDecompressCtx();
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[0]);
    private ByteBuffer compressed = ByteBuffer.allocateDirect(0);
    private ByteBuffer decompressed = ByteBuffer.allocateDirect(0);
    private byte[] uncompressed = new byte[0];
    private int eventsLength;
    private int nextOffset;
    private int eventOffset;
    private int eventLength;

    /**
     * @param maxUncompressedBytes the most bytes one payload may decompress to, 1..{@link DecompressionLimit#MAX_BYTES}.
     */
    public TransactionPayloadReader(final long maxUncompressedBytes)
    {
        this.maxUncompressedBytes = DecompressionLimit.validate(maxUncompressedBytes);
    }

    /**
     * Decompresses the payload of a TRANSACTION_PAYLOAD event; {@link #next()} then walks its events.
     *
     * @param buffer         holding the event.
     * @param offset         where the event starts.
     * @param length         the event's length, checksum included.
     * @param checksumLength 4 when the event ends with a CRC32, else 0.
     * @return the header fields of the event, valid until the next call.
     * @throws UncompressedSizeLimitException if the payload announces more than the limit.
     * @throws CompressedEventException       if the header or the zstd frame is bad or decompresses to another size.
     */
    public TransactionPayloadEventFlyweight open(final DirectBuffer buffer, final int offset, final int length,
        final int checksumLength)
    {
        payload.wrap(buffer, offset, length, checksumLength);
        final int size = DecompressionLimit.check("TRANSACTION_PAYLOAD event", payload.uncompressedSize(), maxUncompressedBytes);
        final int payloadSize = (int)payload.payloadSize();
        if (payload.compressionType() == TransactionPayloadEventFlyweight.COMPRESSION_NONE)
        {
            if (size != payloadSize)
            {
                throw new CompressedEventException("uncompressed TRANSACTION_PAYLOAD event announces " + size
                    + " bytes of events but holds " + payloadSize);
            }
            if (uncompressed.length < size)
            {
                uncompressed = new byte[size];
            }
            buffer.getBytes(payload.payloadOffset(), uncompressed, 0, size);
            events.wrap(uncompressed, 0, size);
        }
        else
        {
            decompress(buffer, payloadSize, size);
        }
        eventsLength = size;
        nextOffset = 0;
        eventOffset = 0;
        eventLength = 0;
        return payload;
    }

    /**
     * Streams the zstd frame into a direct buffer that grows with what the frame gives (doubling from
     * {@link #DECOMPRESS_STEP}, never beyond {@code size}), so a short frame that announces the limit takes no more
     * memory than it decompresses to.
     */
    private void decompress(final DirectBuffer buffer, final int payloadSize, final int size)
    {
        if (compressed.capacity() < payloadSize)
        {
            compressed = ByteBuffer.allocateDirect(payloadSize);
        }
        compressed.clear().limit(payloadSize);
        buffer.getBytes(payload.payloadOffset(), compressed, 0, payloadSize);
        decompressed.clear().limit(Math.min(size, decompressed.capacity()));
        try
        {
            zstd.reset();
            boolean frameEnded = false;
            while (!frameEnded || compressed.hasRemaining())
            {
                if (!decompressed.hasRemaining() && decompressed.capacity() < size)
                {
                    grow(size);
                }
                final int read = compressed.position();
                final int written = decompressed.position();
                frameEnded = zstd.decompressDirectByteBufferStream(decompressed, compressed);
                if (compressed.position() == read && decompressed.position() == written && !frameEnded)
                {
                    throw new CompressedEventException("TRANSACTION_PAYLOAD event's zstd frame of " + payloadSize + " bytes "
                        + (decompressed.hasRemaining() ? "ends after " + written + " bytes" : "goes on beyond the " + size
                        + " bytes it announces"));
                }
            }
        }
        catch (final ZstdException ex)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event's zstd frame of " + payloadSize
                + " bytes does not decompress to the " + size + " bytes it announces: " + ex.getMessage(), ex);
        }
        if (decompressed.position() != size)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event's zstd frame decompresses to " + decompressed.position()
                + " bytes, it announces " + size);
        }
        events.wrap(decompressed, 0, size);
    }

    private void grow(final int size)
    {
        final ByteBuffer larger = ByteBuffer.allocateDirect((int)Math.min(size, Math.max(DECOMPRESS_STEP, 2L * decompressed.capacity())));
        decompressed.flip();
        larger.put(decompressed);
        decompressed = larger;
    }

    /**
     * Moves to the next event of the payload.
     *
     * @return false after the last.
     * @throws CompressedEventException if an event's size does not fit the payload.
     */
    public boolean next()
    {
        if (nextOffset == eventsLength)
        {
            return false;
        }
        if (eventsLength - nextOffset < EventHeaderFlyweight.LENGTH)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event ends with " + (eventsLength - nextOffset)
                + " bytes, too few for an event header (at offset " + nextOffset + " of its events)");
        }
        final long size = events.getInt(nextOffset + EventHeaderFlyweight.EVENT_SIZE_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        if (size < EventHeaderFlyweight.LENGTH || size > eventsLength - nextOffset)
        {
            throw new CompressedEventException("TRANSACTION_PAYLOAD event holds an event of " + size + " bytes at offset "
                + nextOffset + " of its events, where " + (eventsLength - nextOffset) + " remain");
        }
        eventOffset = nextOffset;
        eventLength = (int)size;
        nextOffset += eventLength;
        return true;
    }

    /** The buffer holding the decompressed events; valid until the next {@link #open}. */
    public DirectBuffer buffer()
    {
        return events;
    }

    /** Where the current event starts in {@link #buffer()}. */
    public int eventOffset()
    {
        return eventOffset;
    }

    /** The current event's length (it has no checksum). */
    public int eventLength()
    {
        return eventLength;
    }

    @Override
    public void close()
    {
        zstd.close();
    }
}

package io.semisync.storage.relaylog;

import com.sun.nio.file.ExtendedOpenOption;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.durability.DirectorySync;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The ACK journal: a preallocated file beside the cycle files that makes what an ACK covers durable with one write,
 * cheaper than an fdatasync of the mapped cycle file (no writeback of mapped pages, no block allocation, no
 * write-protect faults after it). Each {@link #write()} puts the records {@link #add added} since the last one into
 * the file as one entry, rewriting the partly filled block it starts in, with {@code O_DIRECT} and {@code O_DSYNC}
 * (only {@code O_DSYNC} where the file system refuses direct I/O), so it returns when the disk holds them.
 *
 * <p>A <em>generation</em> holds every record appended after its base, a commit point that was synced in the cycle
 * files when the generation began; {@link AckJournalReplay} appends to the cycle files what a crash took from them.
 * Block 0 holds the generation's header (magic, version, generation, base, CRC32C); entries follow from block 1, each
 * a header (magic, payload length, generation, CRC32C of both and the payload) and records framed by their length.
 * An entry of another generation, or one whose checksum fails, ends the generation: a torn write was never
 * acknowledged. Owned by the relay log's writer thread.
 */
final class AckJournal implements AutoCloseable
{
    /** The journal's file name in the relay log directory. */
    static final String FILE_NAME = "ack-journal";
    /** Largest entry one write carries; more waits for a sync of the cycle files instead. */
    static final int MAX_ENTRY_BYTES = 1 << 20;
    static final int BLOCK = 4096;
    static final int HEADER_MAGIC = 0x4a6b6341;
    static final int ENTRY_MAGIC = 0x456b6341;
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 28;
    static final int ENTRY_HEADER_LENGTH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AckJournal.class);

    private final Path file;
    private final long size;
    private final FileChannel channel;
    private final ByteBuffer block;
    private final UnsafeBuffer pending;
    private final CRC32C crc = new CRC32C();
    private long generation;
    /** File offset of {@code pending}'s first byte: a block boundary. */
    private long bufferOffset;
    /** Where the entry being gathered starts in {@code pending}. */
    private int entryStart;
    /** End of what is gathered in {@code pending}. */
    private int end;
    private boolean started;

    private AckJournal(final Path file, final long size, final FileChannel channel, final long generation)
    {
        this.file = file;
        this.size = size;
        this.channel = channel;
        this.generation = generation;
        block = ByteBuffer.allocateDirect(MAX_ENTRY_BYTES + 3 * BLOCK).alignedSlice(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        pending = new UnsafeBuffer(block);
    }

    /**
     * Opens the journal of a relay log directory, creating it (zeros, written and synced, so that later writes change
     * no metadata) when it is missing or of another size. Nothing is written until {@link #start}.
     *
     * @param directory the relay log directory.
     * @param size      the file's size, a multiple of {@link #BLOCK}.
     * @return the journal.
     * @throws DurabilityException if the file cannot be created, synced or opened.
     */
    static AckJournal open(final Path directory, final long size)
    {
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            if (!Files.exists(file) || Files.size(file) != size)
            {
                preallocate(file, size);
                DirectorySync.fsyncDirectory(directory);
            }
            final long generation = AckJournalContent.readHeader(file).map(AckJournalContent::generation).orElse(0L);
            return new AckJournal(file, size, openForDurableWrites(file, size), generation);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot open the ACK journal " + file + ": " + ex.getMessage() +
                "; check the relay log directory's permissions and free space", ex);
        }
    }

    /** Removes the journal of a relay log directory, if there is one: once recovery has appended what it held, and no writer keeps one. */
    static void remove(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            if (Files.deleteIfExists(file))
            {
                DirectorySync.fsyncDirectory(directory);
            }
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot remove the ACK journal " + file + ", which the relay log no longer keeps: " + ex.getMessage() +
                "; check the relay log directory's permissions", ex);
        }
    }

    private static void preallocate(final Path file, final long size) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < size; at += zeros.capacity())
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), size - at));
                while (zeros.hasRemaining())
                {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }
    }

    private static FileChannel openForDurableWrites(final Path file, final long size) throws IOException
    {
        final long mebibytes = size >> 20;
        try
        {
            final FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC,
                ExtendedOpenOption.DIRECT);
            LOG.info("ACK journal {} ({} MiB): each ACK waits for an O_DIRECT|O_DSYNC write of what it covers", file, mebibytes);
            return channel;
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            // tmpfs and some FUSE file systems refuse O_DIRECT; O_DSYNC alone is as durable
            LOG.info("ACK journal {} ({} MiB): each ACK waits for an O_DSYNC write of what it covers (the file system refuses "
                + "O_DIRECT: {})", file, mebibytes, ex.getMessage());
            return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        }
    }

    /**
     * Begins a new generation after {@code base}: everything up to it must be synced in the cycle files, and every
     * record appended after it must be {@link #add added} from now on. The header reaches the disk with the next
     * write; until then a crash leaves the previous generation, whose records the cycle files already hold.
     *
     * @param base the relay log index of the last commit point, -1 if the log holds none.
     */
    void start(final long base)
    {
        generation++;
        pending.setMemory(0, BLOCK, (byte)0);
        pending.putInt(0, HEADER_MAGIC, ByteOrder.LITTLE_ENDIAN);
        pending.putInt(4, VERSION, ByteOrder.LITTLE_ENDIAN);
        pending.putLong(8, generation, ByteOrder.LITTLE_ENDIAN);
        pending.putLong(16, base, ByteOrder.LITTLE_ENDIAN);
        pending.putInt(24, checksum(0, 24), ByteOrder.LITTLE_ENDIAN);
        bufferOffset = 0;
        entryStart = BLOCK;
        end = entryStart + ENTRY_HEADER_LENGTH;
        started = true;
    }

    /**
     * Gathers one record for the next write.
     *
     * @return false if it does not fit in the entry or the file: the generation cannot go on, sync the cycle files
     *         and {@link #start} another.
     */
    boolean add(final DirectBuffer prefix, final int prefixLength, final DirectBuffer event, final int offset, final int length,
        final DirectBuffer trailer, final int trailerLength)
    {
        final int recordLength = prefixLength + length + trailerLength;
        final long newEnd = (long)end + Integer.BYTES + recordLength;
        if (!started || newEnd - entryStart > MAX_ENTRY_BYTES || newEnd + BLOCK > pending.capacity() ||
            bufferOffset + newEnd + BLOCK > size)
        {
            started = false;
            return false;
        }
        pending.putInt(end, recordLength, ByteOrder.LITTLE_ENDIAN);
        int at = end + Integer.BYTES;
        pending.putBytes(at, prefix, 0, prefixLength);
        at += prefixLength;
        pending.putBytes(at, event, offset, length);
        at += length;
        pending.putBytes(at, trailer, 0, trailerLength);
        end = (int)newEnd;
        return true;
    }

    /**
     * Ends the generation: records were changed in the cycle files (voided), so the journal no longer matches them.
     */
    void stop()
    {
        started = false;
    }

    /**
     * @return whether a generation is going on and holds every record appended since its base.
     */
    boolean isStarted()
    {
        return started;
    }

    /**
     * Makes the records gathered since the last write durable: one write of the blocks they fall in, which returns
     * once the disk holds them.
     *
     * @throws DurabilityException if the write fails; nothing it carried may be considered durable.
     */
    void write()
    {
        final int payloadLength = end - entryStart - ENTRY_HEADER_LENGTH;
        pending.putInt(entryStart, ENTRY_MAGIC, ByteOrder.LITTLE_ENDIAN);
        pending.putInt(entryStart + 4, payloadLength, ByteOrder.LITTLE_ENDIAN);
        pending.putLong(entryStart + 8, generation, ByteOrder.LITTLE_ENDIAN);
        pending.putInt(entryStart + 16, checksum(entryStart + 4, 12, entryStart + ENTRY_HEADER_LENGTH, payloadLength),
            ByteOrder.LITTLE_ENDIAN);
        final int padded = (end + BLOCK - 1) & -BLOCK;
        pending.setMemory(end, padded - end, (byte)0);
        try
        {
            block.limit(padded).position(0);
            while (block.hasRemaining())
            {
                channel.write(block, bufferOffset + block.position());
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            started = false;
            throw DurabilityException.syncFailed("O_DSYNC write of " + file, ex);
        }
        final int tailBlock = end & -BLOCK;
        final int tailLength = end - tailBlock;
        pending.putBytes(0, pending, tailBlock, tailLength);
        bufferOffset += tailBlock;
        entryStart = tailLength;
        end = entryStart + ENTRY_HEADER_LENGTH;
    }

    private int checksum(final int offset, final int length)
    {
        crc.reset();
        crc.update(block.limit(offset + length).position(offset));
        block.clear();
        return (int)crc.getValue();
    }

    private int checksum(final int offset, final int length, final int secondOffset, final int secondLength)
    {
        crc.reset();
        crc.update(block.limit(offset + length).position(offset));
        block.clear();
        crc.update(block.limit(secondOffset + secondLength).position(secondOffset));
        block.clear();
        return (int)crc.getValue();
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("closing " + file + " failed", ex);
        }
    }
}

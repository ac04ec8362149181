package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptGtidCheckpointException;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.durability.DirectorySync;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The GTID checkpoint side file, replaced atomically: write a temporary file, fsync it, rename it over the old one,
 * fsync the directory. Layout, little-endian:
 *
 * <pre>
 *  0 u32 magic 0x43475353 ("SSGC")
 *  4 u32 version 1
 *  8 u64 covered index
 * 16 u32 state length L
 * 20 L   state bytes
 * 20+L u32 CRC-32 of bytes 0 .. 20+L
 * </pre>
 */
final class GtidCheckpointFile
{
    static final String FILE_NAME = "gtid-checkpoint";
    private static final String TEMP_FILE_NAME = FILE_NAME + ".tmp";
    private static final int MAGIC = 0x43475353;
    private static final int VERSION = 1;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int COVERED_INDEX_OFFSET = 8;
    private static final int STATE_LENGTH_OFFSET = 16;
    private static final int STATE_OFFSET = 20;
    private static final int CRC_LENGTH = 4;

    private final Path directory;
    private final Path file;

    GtidCheckpointFile(final Path directory)
    {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
    }

    /**
     * @return the stored checkpoint, empty if there is none.
     * @throws CorruptGtidCheckpointException if the file exists but is not a valid checkpoint.
     */
    Optional<GtidCheckpoint> read()
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            throw new CorruptGtidCheckpointException("cannot read " + file, ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (bytes.length < STATE_OFFSET + CRC_LENGTH)
        {
            throw new CorruptGtidCheckpointException(file + " is " + bytes.length + " bytes, too short");
        }
        final int magic = buffer.getInt(MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int version = buffer.getInt(VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (magic != MAGIC || version != VERSION)
        {
            throw new CorruptGtidCheckpointException(file + " has magic 0x" + Integer.toHexString(magic) +
                " version " + version + ", expected 0x" + Integer.toHexString(MAGIC) + " version " + VERSION);
        }
        final int stateLength = buffer.getInt(STATE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (stateLength < 0 || STATE_OFFSET + (long)stateLength + CRC_LENGTH != bytes.length)
        {
            throw new CorruptGtidCheckpointException(file + " announces " + stateLength + " state bytes but is " +
                bytes.length + " bytes long");
        }
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, STATE_OFFSET + stateLength);
        final int storedCrc = buffer.getInt(STATE_OFFSET + stateLength, ByteOrder.LITTLE_ENDIAN);
        if ((int)crc.getValue() != storedCrc)
        {
            throw new CorruptGtidCheckpointException(file + " has CRC-32 0x" + Integer.toHexString(storedCrc) +
                ", computed 0x" + Integer.toHexString((int)crc.getValue()));
        }
        final byte[] state = new byte[stateLength];
        buffer.getBytes(STATE_OFFSET, state);
        return Optional.of(new GtidCheckpoint(buffer.getLong(COVERED_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN), state));
    }

    /**
     * Replaces the checkpoint atomically and durably.
     *
     * @param coveredIndex relay log index up to which the state is complete.
     * @param state        buffer holding the state bytes.
     * @param offset       where the state starts.
     * @param length       state length.
     * @return the checkpoint written.
     */
    GtidCheckpoint write(final long coveredIndex, final DirectBuffer state, final int offset, final int length)
    {
        final byte[] bytes = new byte[STATE_OFFSET + length + CRC_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putInt(MAGIC_OFFSET, MAGIC, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(VERSION_OFFSET, VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(COVERED_INDEX_OFFSET, coveredIndex, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(STATE_LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(STATE_OFFSET, state, offset, length);
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, STATE_OFFSET + length);
        buffer.putInt(STATE_OFFSET + length, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);

        final Path temp = directory.resolve(TEMP_FILE_NAME);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer content = ByteBuffer.wrap(bytes);
            while (content.hasRemaining())
            {
                channel.write(content);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("writing " + temp + " failed", ex);
        }
        try
        {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("renaming " + temp + " to " + file + " failed", ex);
        }
        DirectorySync.fsyncDirectory(directory);
        final byte[] copy = new byte[length];
        state.getBytes(offset, copy);
        return new GtidCheckpoint(coveredIndex, copy);
    }

    /**
     * Moves a checkpoint the log contradicts out of the way, keeping it for inspection.
     *
     * @return where it was moved.
     */
    Path discard()
    {
        final Path discarded = directory.resolve(FILE_NAME + ".discarded");
        try
        {
            Files.move(file, discarded, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("moving " + file + " to " + discarded + " failed", ex);
        }
        DirectorySync.fsyncDirectory(directory);
        return discarded;
    }
}

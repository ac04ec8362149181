package io.semisync.replica.export;

import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.durability.DirectorySync;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One exported binlog file being written: the magic header and events go to {@code NAME.partial} through one
 * reusable buffer; {@link #complete} makes the file durable and only then renames it to its real name and syncs the
 * directory, so a file under its real name is always whole. {@link #abandon} deletes the partial file.
 */
final class BinlogFileOutput
{
    /** The four bytes every binlog file starts with: 0xFE 'b' 'i' 'n'. */
    static final byte[] MAGIC = {(byte)0xFE, 'b', 'i', 'n'};
    static final String PARTIAL_SUFFIX = ".partial";

    private static final int FLUSH_BYTES = 1 << 20;

    private final ExpandableDirectByteBuffer buffer;
    private final Path directory;
    private String name;
    private Path partial;
    private FileChannel channel;
    private int buffered;
    private long position;

    /**
     * @param directory where the files go
     * @param buffer    the reusable buffer events are gathered in before each write
     */
    BinlogFileOutput(final Path directory, final ExpandableDirectByteBuffer buffer)
    {
        this.directory = directory;
        this.buffer = buffer;
    }

    /** Starts the file {@code fileName} with the magic header. */
    void open(final String fileName)
    {
        name = fileName;
        partial = directory.resolve(fileName + PARTIAL_SUFFIX);
        try
        {
            channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw failure("cannot create", ex);
        }
        buffered = 0;
        position = 0;
        buffer.putBytes(0, MAGIC);
        buffered = MAGIC.length;
        position = MAGIC.length;
    }

    boolean isOpen()
    {
        return channel != null;
    }

    String name()
    {
        return name;
    }

    /** The offset in the file where the next event starts. */
    long position()
    {
        return position;
    }

    /**
     * Appends an event's bytes as they are, except {@code clearedHeaderFlags}, bits cleared in the header's flags
     * (the source's CRC32 does not cover the in-use flag of a FORMAT_DESCRIPTION).
     */
    void append(final DirectBuffer source, final int offset, final int length, final int clearedHeaderFlags)
    {
        if (buffered > 0 && buffered + length > FLUSH_BYTES)
        {
            flush();
        }
        buffer.putBytes(buffered, source, offset, length);
        if (clearedHeaderFlags != 0)
        {
            final int flagsAt = buffered + EventHeaderFlyweight.FLAGS_OFFSET;
            buffer.putByte(flagsAt, (byte)(buffer.getByte(flagsAt) & ~clearedHeaderFlags));
        }
        buffered += length;
        position += length;
    }

    private void flush()
    {
        final ByteBuffer bytes = buffer.byteBuffer().duplicate().clear().limit(buffered);
        try
        {
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
        }
        catch (final IOException ex)
        {
            throw failure("cannot write", ex);
        }
        buffered = 0;
    }

    /** Writes what is buffered, forces the file to disk, renames it to its real name and syncs the directory. */
    void complete()
    {
        flush();
        try
        {
            channel.force(true);
            channel.close();
            channel = null;
            Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            DirectorySync.fsyncDirectory(directory);
        }
        catch (final IOException | DurabilityException ex)
        {
            throw failure("cannot complete", ex);
        }
    }

    /** Closes and deletes the partial file after {@code failure}; what goes wrong here is added to it. */
    void abandon(final Throwable failure)
    {
        try
        {
            if (channel != null)
            {
                channel.close();
                channel = null;
            }
            if (partial != null)
            {
                Files.deleteIfExists(partial);
            }
        }
        catch (final IOException ex)
        {
            failure.addSuppressed(ex);
        }
    }

    private ExportException failure(final String what, final Exception cause)
    {
        return new ExportException(what + " " + partial + ": " + cause.getMessage()
            + " (check free space and permissions there); the export stopped, files under their real names are whole, "
            + "a *" + PARTIAL_SUFFIX + " file is not: empty the output directory and export again", cause);
    }
}

package io.semisync.replica.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.semisync.storage.durability.DirectorySync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Change lines to a file, exactly once across kill -9. The position travels inside each line, so the file is its own
 * checkpoint: at open a torn last line (one without its newline, cut by a kill mid-write) is truncated away and the
 * position of the last whole line is where the feed resumes. Lines are buffered and written in batches; {@link #flush()}
 * writes the batch and fsyncs the file, which only a power loss needs (a killed process loses nothing the kernel
 * took), so batching never trades away exactly-once. The file is locked while open: a second feed into it is refused.
 */
public final class FileChangeOutput implements ChangeOutput
{
    static final String POSITION_FIELD = "position";
    private static final int BATCH_BYTES = 1 << 16;
    private static final int TAIL_CHUNK = 1 << 16;
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = LoggerFactory.getLogger(FileChangeOutput.class);

    private final Path file;
    private final FileChannel channel;
    private final ChangePosition lastPosition;
    private ByteBuffer batch = ByteBuffer.allocate(BATCH_BYTES);

    private FileChangeOutput(final Path file, final FileChannel channel, final ChangePosition lastPosition)
    {
        this.file = file;
        this.channel = channel;
        this.lastPosition = lastPosition;
    }

    /**
     * Opens (creating if missing) an output file, truncates a torn last line and reads the position of the last whole one.
     *
     * @throws CdcException if the file cannot be opened, or its last whole line holds no position (not a file this
     *                      command wrote).
     */
    public static FileChangeOutput open(final Path file)
    {
        final boolean existed = Files.exists(file);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (!lock(channel))
            {
                throw new CdcException("another process writes to " + file + " (it holds the file's lock): stop it, or name "
                    + "another file in --output");
            }
            if (!existed)
            {
                DirectorySync.fsyncDirectory(file.toAbsolutePath().getParent());
            }
            final long wholeEnd = afterLastNewline(channel, channel.size());
            if (wholeEnd < channel.size())
            {
                LOG.info("dropped the torn last line of {} ({} bytes without their newline, cut by the end of an earlier run)",
                    file, channel.size() - wholeEnd);
                channel.truncate(wholeEnd);
                channel.force(false);
            }
            channel.position(wholeEnd);
            return new FileChangeOutput(file, channel, wholeEnd == 0 ? ChangePosition.START : positionOfLastLine(file, channel, wholeEnd));
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel);
            if (ex instanceof CdcException cdc)
            {
                throw cdc;
            }
            throw new CdcException("cannot open the output file " + file + ": " + ex.getMessage()
                + " (check that its directory exists and this user may write there)", ex);
        }
    }

    /** Takes the file's lock; false when another process (or another output in this one) holds it. */
    private static boolean lock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock() != null;
        }
        catch (final OverlappingFileLockException ex)
        {
            return false;
        }
    }

    /** Just after the last newline before {@code end}, 0 if none. */
    private static long afterLastNewline(final FileChannel channel, final long end) throws IOException
    {
        long at = end;
        final ByteBuffer chunk = ByteBuffer.allocate(TAIL_CHUNK);
        while (at > 0)
        {
            final long start = Math.max(0, at - TAIL_CHUNK);
            chunk.clear().limit((int)(at - start));
            readFully(channel, chunk, start);
            for (int i = chunk.limit() - 1; i >= 0; i--)
            {
                if (chunk.get(i) == '\n')
                {
                    return start + i + 1;
                }
            }
            at = start;
        }
        return 0;
    }

    private static ChangePosition positionOfLastLine(final Path file, final FileChannel channel, final long wholeEnd) throws IOException
    {
        final long lineStart = afterLastNewline(channel, wholeEnd - 1);
        final ByteBuffer head = ByteBuffer.allocate((int)Math.min(wholeEnd - lineStart, 256));
        readFully(channel, head, lineStart);
        try (JsonParser parser = JSON.createParser(head.array(), 0, head.limit()))
        {
            if (parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME
                && POSITION_FIELD.equals(parser.currentName()) && parser.nextToken() == JsonToken.VALUE_STRING)
            {
                return ChangePosition.parse(parser.getText());
            }
        }
        catch (final IOException | CdcException ex)
        {
            // reported below
        }
        throw new CdcException("the last line of " + file + " (at byte " + lineStart + ") does not start with a \"position\" "
            + "field: name a new file, or one this command wrote, in --output");
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            final int read = channel.read(buffer, at);
            if (read < 0)
            {
                throw new IOException("unexpected end of file at " + at);
            }
            at += read;
        }
        buffer.flip();
    }

    /** {@code cdc:file:} and the file's absolute path. */
    @Override
    public Optional<String> readerName()
    {
        return Optional.of("cdc:file:" + file.toAbsolutePath().normalize());
    }

    @Override
    public ChangePosition lastPosition()
    {
        return lastPosition;
    }

    @Override
    public void writeLine(final byte[] line, final int length)
    {
        if (batch.remaining() < length + 1)
        {
            writeBatch();
            if (batch.capacity() < length + 1)
            {
                batch = ByteBuffer.allocate(length + 1);
            }
        }
        batch.put(line, 0, length).put((byte)'\n');
    }

    private void writeBatch()
    {
        batch.flip();
        try
        {
            while (batch.hasRemaining())
            {
                channel.write(batch);
            }
        }
        catch (final IOException ex)
        {
            throw new CdcException("cannot write to the output file " + file + ": " + ex.getMessage()
                + " (check free space); restarting the command resumes after the last whole line", ex);
        }
        batch.clear();
    }

    @Override
    public void flush()
    {
        writeBatch();
        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new CdcException("cannot sync the output file " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            flush();
        }
        finally
        {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // nothing more to do for a channel being abandoned
            }
        }
    }
}

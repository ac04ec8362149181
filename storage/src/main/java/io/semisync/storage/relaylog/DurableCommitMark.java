package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The relay log's last durable commit point, for readers in other processes (the {@code cdc} command): the writer
 * stores the index of the last commit point each sync has made durable into an 8-byte memory-mapped file beside the
 * cycle files, after the sync returned; a reader maps the same file and never reads past it, so it shows nothing a
 * power loss could take back. The file itself is not synced: whatever value of it survives a crash was durable when
 * written. A relay log written before this file existed has none; readers then stop at the last complete transaction.
 */
final class DurableCommitMark implements AutoCloseable
{
    static final String FILE_NAME = "durable-commit-index";
    private static final int LENGTH = Long.BYTES;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer view;

    private DurableCommitMark(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.view = new UnsafeBuffer(mapped);
    }

    /**
     * Maps the mark for the writer, creating it if missing or shorter than a mark (as a power loss can leave the file,
     * never synced, that the writer had just made), and stores {@code durableCommitIndex} in it.
     */
    static DurableCommitMark openForWriter(final Path directory, final long durableCommitIndex)
    {
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            if (Files.exists(file) && Files.size(file) < LENGTH)
            {
                Files.delete(file);
            }
            final MappedByteBuffer mapped = Files.exists(file)
                ? IoUtil.mapExistingFile(file.toFile(), FILE_NAME)
                : IoUtil.mapNewFile(file.toFile(), LENGTH);
            final DurableCommitMark mark = new DurableCommitMark(mapped);
            mark.publish(durableCommitIndex);
            return mark;
        }
        catch (final IOException | UncheckedIOException | IllegalStateException ex)
        {
            throw new RelayLogException("cannot map " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Maps the mark read-only; null when the relay log has none (yet). */
    static DurableCommitMark openForReader(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        try
        {
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(file.toFile(), FileChannel.MapMode.READ_ONLY, FILE_NAME);
            if (mapped.capacity() < LENGTH)
            {
                IoUtil.unmap(mapped);
                return null;
            }
            return new DurableCommitMark(mapped);
        }
        catch (final UncheckedIOException | IllegalStateException ex)
        {
            throw new RelayLogException("cannot map " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Stores a new durable commit point; call only after the sync that made it durable has returned. */
    void publish(final long durableCommitIndex)
    {
        view.putLongOrdered(0, durableCommitIndex);
    }

    /** The last durable commit point the writer stored, -1 before any. */
    long durableCommitIndex()
    {
        return view.getLongVolatile(0);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}

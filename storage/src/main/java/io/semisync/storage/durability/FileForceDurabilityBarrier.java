package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Barrier that fdatasyncs ({@link FileChannel#force(boolean) force(false)}) the file the appender writes. On Linux
 * this flushes pages dirtied through Chronicle's memory mapping too: one page cache backs both.
 *
 * <p>The channel stays open while the appender stays on the same cycle file. When the appender moves to a new file,
 * the next sync first forces the previous file (its last records and end-of-file marker), then fsyncs the
 * directory so the new file's entry is durable, and Chronicle's metadata file, which lists the cycle files, then
 * forces the new file. Callers must sync at least once per
 * file change so that no file is skipped; {@code RelayLogWriter} syncs on the first append of every new cycle.
 */
public final class FileForceDurabilityBarrier implements DurabilityBarrier
{
    private final Supplier<File> currentFile;
    private final Path directory;
    private File file;
    private FileChannel channel;

    /**
     * @param currentFile the file the appender writes now (Chronicle's {@code ExcerptAppender::currentFile}).
     * @param directory   the directory holding the files.
     */
    public FileForceDurabilityBarrier(final Supplier<File> currentFile, final Path directory)
    {
        this.currentFile = currentFile;
        this.directory = directory;
    }

    @Override
    public void sync()
    {
        final File appenderFile = currentFile.get();
        if (appenderFile == null)
        {
            throw new DurabilityException("cannot sync: the appender reports no current file in " + directory);
        }
        try
        {
            if (appenderFile != file && !appenderFile.equals(file))
            {
                switchTo(appenderFile);
            }
            channel.force(false);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw DurabilityException.syncFailed("fdatasync of " + appenderFile, ex);
        }
    }

    /**
     * Captures the file the appender writes now; the returned sync fdatasyncs it through a channel of its own, so
     * that it may run on another thread while this one appends and syncs. A file change is synced here first, as
     * {@link #sync()} does.
     */
    @Override
    public Runnable prepareSync()
    {
        final File appenderFile = currentFile.get();
        if (appenderFile == null || (appenderFile != file && !appenderFile.equals(file)))
        {
            sync();
        }
        final Path target = file.toPath();
        return () ->
        {
            try (FileChannel own = FileChannel.open(target, StandardOpenOption.WRITE))
            {
                own.force(false);
            }
            catch (final IOException | RuntimeException ex)
            {
                throw DurabilityException.syncFailed("fdatasync of " + target, ex);
            }
        };
    }

    private void switchTo(final File newFile) throws IOException
    {
        if (channel != null)
        {
            channel.force(false);
            channel.close();
            channel = null;
        }
        channel = FileChannel.open(newFile.toPath(), StandardOpenOption.WRITE);
        file = newFile;
        DirectorySync.fsyncDirectory(directory);
        // Chronicle lists its cycle files in its metadata file: a new file the listing lost to a power loss is never read
        final Path metadata = directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
        if (Files.exists(metadata))
        {
            DirectorySync.fsyncFile(metadata);
        }
    }

    /**
     * @return the file the last sync forced, or null before the first sync.
     */
    public File syncedFile()
    {
        return file;
    }

    @Override
    public boolean isDurable()
    {
        return true;
    }

    @Override
    public void close()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new DurabilityException("closing " + file + " failed", ex);
            }
            finally
            {
                channel = null;
            }
        }
    }
}

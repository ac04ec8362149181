package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;
import net.openhft.chronicle.queue.ExcerptAppender;

import java.io.File;
import java.nio.file.Path;

/**
 * Barrier that msyncs (MS_SYNC) the appender's mapped chunk up to its write position through Chronicle
 * ({@code SyncMode.SYNC} plus {@code appender.sync()}). When the appender moves to a new file, the previous file
 * is fdatasynced whole and the directory fsynced. Chronicle only logs a failed msync and cannot report what it
 * synced (its {@code lastIndexMSynced} stays -1 here), so this barrier cannot prove itself: the benchmarks measure
 * it against {@link FileForceDurabilityBarrier}, which stays the default.
 */
public final class MsyncDurabilityBarrier implements DurabilityBarrier
{
    private final ExcerptAppender appender;
    private final Path directory;
    private File file;

    /**
     * @param appender  the appender whose writes to sync; the queue must be built with {@code SyncMode.SYNC}.
     * @param directory the directory holding the files.
     */
    public MsyncDurabilityBarrier(final ExcerptAppender appender, final Path directory)
    {
        this.appender = appender;
        this.directory = directory;
    }

    @Override
    public void sync()
    {
        final File current = appender.currentFile();
        if (current == null)
        {
            throw new DurabilityException("cannot sync: the appender reports no current file in " + directory);
        }
        if (!current.equals(file))
        {
            if (file != null)
            {
                DirectorySync.fsyncFile(file.toPath());
            }
            DirectorySync.fsyncDirectory(directory);
            file = current;
        }
        appender.sync();
    }

    @Override
    public boolean isDurable()
    {
        return true;
    }

    @Override
    public void close()
    {
        file = null;
    }
}

package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * fsyncs single files and directories, for the moments a new file appears or a side file is replaced. A new file
 * is only durable once the directory entry naming it is.
 */
public final class DirectorySync
{
    private DirectorySync()
    {
    }

    /**
     * fsyncs a directory so that files created, renamed or deleted in it stay so after a crash.
     *
     * @param directory to fsync.
     * @throws DurabilityException if the fsync fails.
     */
    public static void fsyncDirectory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("fsync of directory " + directory + " failed", ex);
        }
    }

    /**
     * fsyncs a file's data and metadata.
     *
     * @param file to fsync.
     * @throws DurabilityException if the fsync fails.
     */
    public static void fsyncFile(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("fsync of file " + file + " failed", ex);
        }
    }
}

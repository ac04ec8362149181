package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            throw DurabilityException.syncFailed("fsync of directory " + directory, ex);
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
            throw DurabilityException.syncFailed("fsync of file " + file, ex);
        }
    }

    /**
     * Replaces {@code file} with {@code text} (UTF-8) atomically and durably: written to {@code temp}, fsynced, renamed
     * over {@code file}, the directory fsynced.
     *
     * @throws IOException         if a write or the rename fails.
     * @throws DurabilityException if an fsync fails.
     */
    public static void replaceWithText(final Path file, final Path temp, final CharSequence text) throws IOException
    {
        replaceWith(file, temp, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically and durably: written to {@code temp}, fsynced, renamed over
     * {@code file}, the directory fsynced. A crash or power loss leaves the old file or the new one, whole.
     *
     * @throws IOException         if a write or the rename fails.
     * @throws DurabilityException if an fsync fails.
     */
    public static void replaceWith(final Path file, final Path temp, final byte[] bytes) throws IOException
    {
        Files.write(temp, bytes);
        fsyncFile(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(file.toAbsolutePath().getParent());
    }
}

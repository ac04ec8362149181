package io.semisync.storage.durability;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.semisync.storage.DurabilityException;

import java.nio.file.Path;

/**
 * Drops a file's clean pages from the kernel's page cache ({@code posix_fadvise(POSIX_FADV_DONTNEED)}), so that what
 * is read next comes from the disk. After a failed fsync Linux marks the pages whose write-back failed clean and
 * keeps them: the page cache then shows bytes the disk never got, and a later fsync succeeds without writing them.
 * Whoever must know what the disk holds (recovery after such a failure) evicts first. Dirty pages are not dropped (sync
 * first), nor are pages another process has mapped.
 */
public final class PageCacheEviction
{
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final long WHOLE_FILE = 0;

    private PageCacheEviction()
    {
    }

    /**
     * Drops the clean cached pages of {@code file}.
     *
     * @param file a regular file.
     * @throws DurabilityException if the file cannot be opened or the kernel refuses the advice.
     */
    public static void evict(final Path file)
    {
        final int fd;
        try
        {
            fd = LibC.INSTANCE.open(file.toString(), O_RDONLY);
        }
        catch (final LastErrorException ex)
        {
            throw new DurabilityException("cannot open " + file + " to drop its pages from the page cache: " + ex.getMessage(), ex);
        }
        try
        {
            final int error = LibC.INSTANCE.posix_fadvise(fd, WHOLE_FILE, WHOLE_FILE, POSIX_FADV_DONTNEED);
            if (error != 0)
            {
                throw new DurabilityException("cannot drop the pages of " + file + " from the page cache (posix_fadvise: errno " + error
                    + "), so what the disk holds cannot be read");
            }
        }
        finally
        {
            LibC.INSTANCE.close(fd);
        }
    }

    /** The C library calls this needs, through JNA. */
    private interface LibC extends Library
    {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        int close(int fd);

        int posix_fadvise(int fd, long offset, long length, int advice);
    }
}

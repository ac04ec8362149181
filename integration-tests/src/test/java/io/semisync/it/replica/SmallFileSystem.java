package io.semisync.it.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A small tmpfs the test mounts (as root) to fill up on purpose, with a filler file that takes its free space and
 * gives it back; unmounted on close.
 */
final class SmallFileSystem implements AutoCloseable
{
    private static final int CHUNK = 64 * 1024;
    private static final String MOUNTING = "this test mounts a tmpfs and needs root";

    private final Path mountPoint;
    private final Path filler;

    private SmallFileSystem(final Path mountPoint)
    {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} MiB on {@code mountPoint}, created if missing. */
    static SmallFileSystem mount(final Path mountPoint, final int megabytes)
    {
        try
        {
            Files.createDirectories(mountPoint);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        SystemCommand.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString()), MOUNTING);
        return new SmallFileSystem(mountPoint);
    }

    Path path()
    {
        return mountPoint;
    }

    /** Bytes an unprivileged writer could still write. */
    long usableSpace()
    {
        try
        {
            return Files.getFileStore(mountPoint).getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Grows the filler file until only {@code bytes} (rounded to 64 KiB) are left usable. */
    void fillLeaving(final long bytes)
    {
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND))
        {
            final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            while (usableSpace() - CHUNK >= bytes)
            {
                chunk.clear();
                channel.write(chunk);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot fill " + mountPoint, ex);
        }
    }

    /** Deletes the filler file: its space is free again. */
    void free()
    {
        try
        {
            Files.deleteIfExists(filler);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        SystemCommand.run(List.of("umount", mountPoint.toString()), MOUNTING);
    }
}

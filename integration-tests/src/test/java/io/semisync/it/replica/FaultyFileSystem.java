package io.semisync.it.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A FUSE file system the test mounts (as root, with {@code python3-fusepy}) over a directory that stands for the disk:
 * {@code faultfs.py}, whose fsyncs fail on demand as a failing disk's do. A failed fsync loses what its file was written
 * since the last good one while the page cache keeps showing it, and the next fsync succeeds. Unmounted on close.
 */
final class FaultyFileSystem implements AutoCloseable
{
    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(20);
    private static final String PYTHON = "/usr/bin/python3";
    private static final String NEEDS = "it needs root, /dev/fuse and python3-fusepy, which scripts/provision-sources.sh installs";

    private final Path disk;
    private final Path mountPoint;
    private final Path log;
    private Process daemon;

    private FaultyFileSystem(final Path disk, final Path mountPoint, final Path log)
    {
        this.disk = disk;
        this.mountPoint = mountPoint;
        this.log = log;
    }

    /** Mounts a new file system over {@code directory}/disk on {@code directory}/mount. */
    static FaultyFileSystem mount(final Path directory)
    {
        final FaultyFileSystem fileSystem = new FaultyFileSystem(directory.resolve("disk"), directory.resolve("mount"), directory.resolve("faultfs.log"));
        try
        {
            Files.createDirectories(fileSystem.disk);
            Files.createDirectories(fileSystem.mountPoint);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        fileSystem.start();
        return fileSystem;
    }

    /** Where the file system is mounted. */
    Path path()
    {
        return mountPoint;
    }

    /** The directory behind it: what the disk holds, without the page cache. */
    Path disk()
    {
        return disk;
    }

    /** The next {@code count} fsyncs of files whose names end with {@code suffix} fail with EIO. */
    void failNextSyncs(final int count, final String suffix)
    {
        control("fail " + count + " " + suffix);
    }

    private void control(final String command)
    {
        try
        {
            Files.writeString(mountPoint.resolve(".faultfs"), command);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot control the file system on " + mountPoint, ex);
        }
    }

    /** Unmounts and mounts again: the kernel forgets the mount's page cache, as a power loss would make it. */
    void remount()
    {
        unmount();
        start();
    }

    /**
     * A power loss: unmounts (the kernel writes back its dirty pages first), keeps on the disk, at random from
     * {@code seed}, each page written since its file's last good fsync or puts back what it held then, and mounts
     * again with an empty page cache. Stop every process that has files open on the mount first.
     */
    void losePower(final long seed)
    {
        control("power-loss " + seed);
        remount();
    }

    /** What the file system logged: one line per failed fsync and per power loss. */
    String log()
    {
        try
        {
            return Files.readString(log);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        unmount();
    }

    private void start()
    {
        final Path script = script();
        if (!Files.isExecutable(Path.of(PYTHON)))
        {
            throw new IllegalStateException(PYTHON + " is missing; " + NEEDS);
        }
        try
        {
            daemon = new ProcessBuilder(PYTHON, script.toString(), disk.toString(), mountPoint.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + script, ex);
        }
        Waits.until("faultfs mounted on " + mountPoint, MOUNT_TIMEOUT, () -> isMounted() || !daemon.isAlive(),
            () -> "log: " + log() + " (" + NEEDS + ")");
        if (!isMounted())
        {
            throw new IllegalStateException("faultfs did not mount on " + mountPoint + " (exit " + daemon.exitValue() + "): " + log() + "; " + NEEDS);
        }
    }

    private void unmount()
    {
        if (daemon == null)
        {
            return;
        }
        try
        {
            // a process that has just died, or a mapping this JVM has just released, can keep the mount busy for a moment
            final AtomicReference<String> busy = new AtomicReference<>("");
            Waits.until("faultfs on " + mountPoint + " unmounted", MOUNT_TIMEOUT, () ->
            {
                try
                {
                    if (isMounted())
                    {
                        SystemCommand.run(List.of("umount", mountPoint.toString()), "this test unmounts the FUSE file system it mounted");
                    }
                    return true;
                }
                catch (final IllegalStateException ex)
                {
                    busy.set(ex.getMessage());
                    return false;
                }
            }, busy::get);
            if (!daemon.waitFor(MOUNT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            {
                daemon.destroyForcibly();
                throw new IllegalStateException("faultfs on " + mountPoint + " did not exit after its unmount; killed: " + log());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unmounting " + mountPoint, ex);
        }
        catch (final AssertionError ex)
        {
            // still busy: leave nothing behind, the daemon this test started and the mount included
            daemon.destroyForcibly();
            SystemCommand.run(List.of("umount", "-l", mountPoint.toString()), "this test detaches the FUSE file system it mounted");
            throw ex;
        }
        finally
        {
            daemon = null;
        }
    }

    private boolean isMounted()
    {
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mounts")))
        {
            final String entry = " " + mountPoint.toAbsolutePath() + " fuse.faultfs ";
            return mounts.anyMatch(line -> line.contains(entry));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path script()
    {
        try
        {
            return Path.of(FaultyFileSystem.class.getResource("/faultfs/faultfs.py").toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

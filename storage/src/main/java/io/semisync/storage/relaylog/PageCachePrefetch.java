package io.semisync.storage.relaylog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Reads the relay-log file ahead of the writer, on a thread of its own, so that the page cache already holds the pages
 * the writer's memory mapping is about to touch. A page of a sparse file first touched through a mapping is allocated
 * and zero-filled by the kernel on the toucher's thread: in a catch-up that was half of the writer's thread
 * ({@code perf record}, 2026-12-06). Read first, the same pages are zero-filled here and the writer's touch only maps
 * them. Reading never changes the file. The writer tells it where it writes ({@link #wrote}); it wakes the thread only
 * once per {@link #STEP} written, so an idle or slow stream costs nothing.
 */
final class PageCachePrefetch implements AutoCloseable
{
    /** How far ahead of the writer the page cache is filled. */
    static final long LOOKAHEAD = 32L << 20;
    /** How much the writer writes between wake-ups of the thread. */
    static final long STEP = 4L << 20;
    private static final int PAGE = 4096;
    /** The longest the thread sleeps without a wake-up from the writer. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Logger LOG = LoggerFactory.getLogger(PageCachePrefetch.class);

    private final Thread thread;
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
    private final Supplier<File> currentFile;
    private volatile File file;
    private volatile long position;
    private volatile boolean running = true;
    private long nextWake;
    private long lastPosition;

    /** Starts the thread; {@code currentFile} tells, on the writer's thread, which file the writer writes. */
    PageCachePrefetch(final String name, final Supplier<File> currentFile)
    {
        this.currentFile = currentFile;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The writer has written its file up to {@code writePosition}; called on the writer's thread after each append. A
     * position lower than the last one means the writer moved to a new file.
     */
    void wrote(final long writePosition)
    {
        if (writePosition >= nextWake || writePosition < lastPosition)
        {
            file = currentFile.get();
            position = writePosition;
            nextWake = writePosition + STEP;
            LockSupport.unpark(thread);
        }
        lastPosition = writePosition;
    }

    private void run()
    {
        try
        {
            while (running)
            {
                final File target = file;
                if (target == null)
                {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                    continue;
                }
                try (FileChannel channel = FileChannel.open(target.toPath(), StandardOpenOption.READ))
                {
                    fillWhileWritten(channel, target);
                }
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("stopped reading the relay log ahead of its writer ({}): appends go on, touching fresh pages themselves", ex.toString());
        }
    }

    /** Reads {@code target} ahead of the writer's position until the writer moves to another file or the prefetch closes. */
    private void fillWhileWritten(final FileChannel channel, final File target) throws IOException
    {
        long filled = 0;
        while (running && target.equals(file))
        {
            final long from = Math.max(filled, position & -PAGE);
            final long to = Math.min(position + LOOKAHEAD, channel.size());
            for (long page = from; page < to && running; page += PAGE)
            {
                oneByte.clear();
                channel.read(oneByte, page);
            }
            filled = Math.max(filled, to);
            LockSupport.parkNanos(this, IDLE_NANOS);
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

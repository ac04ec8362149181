package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.durability.DurabilityBarrier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Proves at startup that syncing is real before the first ACK can depend on it: appends a probe (a Chronicle
 * metadata excerpt, which readers never see), syncs it through the barrier and checks that the appender names a
 * file inside the relay log directory that the barrier could force. Fails loudly with {@link DurabilityException};
 * warns when the directory is on a RAM file system or durability is switched off.
 */
final class DurabilityStartupCheck
{
    private static final Logger LOG = LoggerFactory.getLogger(DurabilityStartupCheck.class);
    private static final String PROBE_FIELD = "durabilityProbe";

    private DurabilityStartupCheck()
    {
    }

    /**
     * @param appender  the relay log appender.
     * @param barrier   the barrier the writer will use.
     * @param directory the relay log directory.
     * @return nanoseconds the probe's sync took.
     * @throws DurabilityException if the sync fails or cannot have reached the relay log file.
     */
    static long verify(final ExcerptAppender appender, final DurabilityBarrier barrier, final Path directory)
    {
        try (DocumentContext dc = appender.writingDocument(true))
        {
            dc.wire().write(PROBE_FIELD).int64(System.currentTimeMillis());
        }
        final long start = System.nanoTime();
        barrier.sync();
        final long syncNanos = System.nanoTime() - start;

        final File file = appender.currentFile();
        if (file == null || !file.isFile() ||
            !file.toPath().toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize()))
        {
            throw new DurabilityException("durability check failed: the appender writes " + file +
                ", not a file in " + directory + "; syncing would not cover the relay log");
        }
        if (!barrier.isDurable())
        {
            LOG.warn("DURABILITY IS OFF for relay log {}: appends are never synced, ACKs promise nothing", directory);
            return syncNanos;
        }
        warnIfVolatile(directory);
        LOG.info("durability check passed for {}: sync of {} took {} us", directory, file.getName(), syncNanos / 1000);
        return syncNanos;
    }

    private static void warnIfVolatile(final Path directory)
    {
        try
        {
            final String type = Files.getFileStore(directory).type().toLowerCase(Locale.ROOT);
            if (type.equals("tmpfs") || type.equals("ramfs"))
            {
                LOG.warn("relay log {} is on {}: synced data does not survive a power loss or reboot", directory, type);
            }
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot inspect the file system of " + directory, ex);
        }
    }
}

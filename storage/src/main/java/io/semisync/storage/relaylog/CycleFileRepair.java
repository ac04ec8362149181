package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DirectorySync;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rewrites the last cycle file when Chronicle Queue's own idea of its end lies past what can be read. Chronicle keeps
 * the position of the last record in the file's header page; after a power loss that page may have reached the disk
 * while pages before it did not, so the file's records end at a hole while the header points beyond it. Chronicle's
 * appender would append after the header's position, past the hole, where no reader ever gets: records acknowledged
 * later would be unreadable. When the last index Chronicle reports differs from the last record a reader reaches, the
 * readable records of that cycle (voided ones included, so every index stays the same) are copied into a new file of
 * the same cycle, which replaces the damaged one atomically and durably.
 */
final class CycleFileRepair
{
    private static final Logger LOG = LoggerFactory.getLogger(CycleFileRepair.class);
    private static final String SUFFIX = ".repair";

    private CycleFileRepair()
    {
    }

    /**
     * Follows the chain of excerpt headers (each names its length; the next follows it) from the last record a reader
     * reaches to the position of the last record the file's header names, as Chronicle's appender will.
     *
     * @param queue the relay log queue, after recovery.
     * @return whether the chain breaks first (a header never written, or one left incomplete), so that the last cycle
     *         file needs {@link #rewrite}.
     */
    static boolean isNeeded(final SingleChronicleQueue queue)
    {
        final int cycle = queue.lastCycle();
        if (cycle < 0)
        {
            return false;
        }
        final Readable readable = lastReadable(queue);
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null)
        {
            return false;
        }
        try
        {
            final long claimed = store.writePosition();
            final Bytes<?> bytes = store.bytes();
            long position = readable.index() >= 0 && readable.cycle(queue) == cycle ? readable.headerPosition() : 0;
            while (position <= claimed)
            {
                final int header = bytes.readVolatileInt(position);
                if (header == 0 || Wires.isNotComplete(header))
                {
                    break;
                }
                if (position == claimed)
                {
                    return false;
                }
                position = alignedToFour(position + Wires.SPB_HEADER_SIZE + Wires.lengthOf(header));
            }
            LOG.warn("relay log {}: its last file {} names the record at byte {} as its last, but the chain of records breaks at byte {} "
                + "(readable to index {}): a power loss kept the file's header and lost pages before that position; the file will be "
                + "rewritten from its readable records", queue.file(), store.file().getName(), claimed, position, readable.index());
            return true;
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    /**
     * Copies the readable records of the last cycle into a new file and puts it in place of the old one, durably. The
     * queue must be closed afterwards by the caller and opened again: its mapping still shows the old file.
     *
     * @param queue     the relay log queue.
     * @param directory the relay log's directory.
     * @param config    the relay log's settings (roll cycle, block size).
     */
    static void rewrite(final SingleChronicleQueue queue, final Path directory, final RelayLogConfig config)
    {
        final int cycle = queue.lastCycle();
        final long last = lastReadable(queue).index();
        final Path work = directory.resolveSibling(directory.getFileName() + SUFFIX);
        deleteRecursively(work);
        final long cycleStart = queue.epoch() + (long)cycle * queue.rollCycle().lengthInMillis();
        final File damaged;
        long copied = 0;
        try (SingleChronicleQueue fresh = SingleChronicleQueueBuilder.binary(work).rollCycle(config.rollCycle()).blockSize(config.blockSize())
            .epoch(queue.epoch()).timeProvider(() -> cycleStart).build();
            ExcerptAppender appender = fresh.createAppender();
            ExcerptTailer tailer = queue.createTailer())
        {
            // the cycle's file, even when none of its records can be read
            fresh.closeStore(fresh.storeForCycle(cycle, fresh.epoch(), true, null));
            final long first = queue.rollCycle().toIndex(cycle, 0);
            if (last >= first && tailer.moveToIndex(first))
            {
                copied = copy(tailer, appender, last);
            }
            damaged = cycleFile(queue, cycle);
            if (copied > 0 && appender.lastIndexAppended() != last)
            {
                throw new RelayLogException("rewriting " + damaged + " gave index " + appender.lastIndexAppended() + " where " + last
                    + " was expected: the relay log was not changed; keep the data directory and report it");
            }
        }
        final Path rewritten = onlyCycleFile(work);
        DirectorySync.fsyncFile(rewritten);
        try
        {
            Files.move(rewritten, damaged.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot put the rewritten " + rewritten + " in place of " + damaged + ": " + ex.getMessage(), ex);
        }
        DirectorySync.fsyncDirectory(directory);
        deleteRecursively(work);
        LOG.warn("relay log {}: rewrote {} from its {} readable records, up to index {}", directory, damaged.getName(), copied, last);
    }

    /** Chronicle starts each excerpt's header at a multiple of 4 bytes; an excerpt's length leaves out the padding before the next. */
    private static long alignedToFour(final long position)
    {
        return (position + 3) & ~3L;
    }

    /** Deletes what an interrupted rewrite left beside the relay log's directory. */
    static void cleanUp(final Path directory)
    {
        deleteRecursively(directory.resolveSibling(directory.getFileName() + SUFFIX));
    }

    private static long copy(final ExcerptTailer tailer, final ExcerptAppender appender, final long last)
    {
        long copied = 0;
        while (true)
        {
            try (DocumentContext in = tailer.readingDocument())
            {
                if (!in.isPresent() || in.index() > last)
                {
                    return copied;
                }
                final Bytes<?> bytes = in.wire().bytes();
                try (DocumentContext out = appender.writingDocument())
                {
                    out.wire().bytes().write(bytes, bytes.readPosition(), bytes.readRemaining());
                }
                copied++;
            }
        }
    }

    /** The last record a reader reaches, voided or not: its index (-1 when there is none) and the position of its header. */
    private static Readable lastReadable(final SingleChronicleQueue queue)
    {
        Readable last = new Readable(-1, 0);
        try (ExcerptTailer tailer = queue.createTailer())
        {
            final int cycle = queue.lastCycle();
            if (cycle < 0 || !tailer.moveToIndex(queue.rollCycle().toIndex(cycle, 0)))
            {
                tailer.toStart();
            }
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return last;
                    }
                    last = new Readable(dc.index(), dc.wire().bytes().readPosition() - Wires.SPB_HEADER_SIZE);
                }
            }
        }
    }

    private record Readable(long index, long headerPosition)
    {
        int cycle(final SingleChronicleQueue queue)
        {
            return queue.rollCycle().toCycle(index);
        }
    }

    private static File cycleFile(final SingleChronicleQueue queue, final int cycle)
    {
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null)
        {
            throw new RelayLogException("the relay log's last file (cycle " + cycle + ") cannot be opened to be rewritten");
        }
        try
        {
            return store.file();
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    private static Path onlyCycleFile(final Path work)
    {
        try (Stream<Path> files = Files.list(work))
        {
            final List<Path> cycles = files.filter(file -> file.getFileName().toString().endsWith(".cq4")).toList();
            if (cycles.size() != 1)
            {
                throw new RelayLogException("rewriting the relay log's last file left " + cycles + " in " + work + ", not one file");
            }
            return cycles.get(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(path))
        {
            for (final Path entry : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(entry);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + path, ex);
        }
    }
}

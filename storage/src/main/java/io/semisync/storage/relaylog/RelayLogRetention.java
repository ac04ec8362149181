package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DirectorySync;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Deletes whole old cycle files by age and by total size. A file is deleted when its whole time span ended more
 * than the age limit ago, or, oldest first, while all files together exceed the size limit. Never deleted: the
 * newest cycle (the one being written), the cycle holding the last commit point (recovery needs it for the resume
 * position), once a GTID checkpoint exists, any cycle it does not cover completely (its GTIDs would be lost), and,
 * while the relay log stays within the readers' cap, any cycle a registered reader ({@link ReaderPositions}) still needs.
 */
final class RelayLogRetention
{
    private static final Logger LOG = LoggerFactory.getLogger(RelayLogRetention.class);

    /** One cycle's files: its plain file, its compressed one, or both (the plain one then a reader's copy). */
    private record CycleFile(int cycle, List<Path> paths, long size)
    {
    }

    private RelayLogRetention()
    {
    }

    /**
     * @param queue           the relay log queue.
     * @param names           its file names.
     * @param maxAge          age limit, null if off.
     * @param maxBytes        size limit, 0 if off.
     * @param lastCommitIndex index of the last commit point, -1 if none.
     * @param checkpoint      latest GTID checkpoint, null if none.
     * @param readersNeededIndex the lowest index a registered reader needs; {@link Long#MAX_VALUE} if none, negative: all.
     * @param readersMaxBytes the size beyond which what readers need is deleted all the same; 0 for no limit.
     * @param beforeDeleting  told each cycle before its files are deleted.
     * @return what was deleted.
     */
    static RetentionResult apply(
        final SingleChronicleQueue queue,
        final CycleFileNames names,
        final Duration maxAge,
        final long maxBytes,
        final long lastCommitIndex,
        final GtidCheckpoint checkpoint,
        final long readersNeededIndex,
        final long readersMaxBytes,
        final IntConsumer beforeDeleting)
    {
        final List<CycleFile> files = cycleFiles(queue.file().toPath(), names);
        if (files.isEmpty())
        {
            return new RetentionResult(List.of(), 0);
        }
        final RollCycle rollCycle = queue.rollCycle();
        final int newestCycle = files.get(files.size() - 1).cycle();
        final long ageLimitMillis = maxAge == null ? Long.MIN_VALUE :
            queue.time().currentTimeMillis() - maxAge.toMillis();

        long totalBytes = 0;
        for (final CycleFile file : files)
        {
            totalBytes += file.size();
        }
        int firstProtectedCycle = firstProtectedCycle(rollCycle, newestCycle, lastCommitIndex, checkpoint);
        if (readersNeededIndex != Long.MAX_VALUE && (readersMaxBytes == 0 || totalBytes <= readersMaxBytes))
        {
            firstProtectedCycle = readersNeededIndex < 0 ? Integer.MIN_VALUE
                : Math.min(firstProtectedCycle, rollCycle.toCycle(readersNeededIndex));
        }
        final List<Path> deleted = new ArrayList<>();
        long freed = 0;
        for (final CycleFile file : files)
        {
            if (file.cycle() >= firstProtectedCycle)
            {
                break;
            }
            final long cycleEndMillis = queue.epoch() + (file.cycle() + 1L) * rollCycle.lengthInMillis();
            final boolean tooOld = cycleEndMillis <= ageLimitMillis;
            final boolean overSize = maxBytes > 0 && totalBytes > maxBytes;
            if (!tooOld && !overSize)
            {
                break;
            }
            beforeDeleting.accept(file.cycle());
            file.paths().forEach(RelayLogRetention::delete);
            deleted.addAll(file.paths());
            freed += file.size();
            totalBytes -= file.size();
        }
        if (!deleted.isEmpty())
        {
            DirectorySync.fsyncDirectory(queue.file().toPath());
            queue.refreshDirectoryListing();
            LOG.info("retention deleted {} relay log files ({} bytes): {}", deleted.size(), freed, deleted);
        }
        return new RetentionResult(deleted, freed);
    }

    private static int firstProtectedCycle(
        final RollCycle rollCycle,
        final int newestCycle,
        final long lastCommitIndex,
        final GtidCheckpoint checkpoint)
    {
        int protectedCycle = newestCycle;
        if (lastCommitIndex >= 0)
        {
            protectedCycle = Math.min(protectedCycle, rollCycle.toCycle(lastCommitIndex));
        }
        if (checkpoint != null)
        {
            protectedCycle = Math.min(protectedCycle, rollCycle.toCycle(checkpoint.coveredIndex()));
        }
        return protectedCycle;
    }

    private static List<CycleFile> cycleFiles(final Path directory, final CycleFileNames names)
    {
        final TreeMap<Integer, List<Path>> byCycle = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory))
        {
            entries.forEach(path -> names.cycleOf(path.getFileName().toString())
                .ifPresent(cycle -> byCycle.computeIfAbsent(cycle, key -> new ArrayList<>()).add(path)));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new RelayLogException("cannot list relay log directory " + directory + ": " + ex.getMessage(), ex);
        }
        final List<CycleFile> files = new ArrayList<>();
        byCycle.forEach((cycle, paths) ->
        {
            paths.sort(null);
            final Path kept = paths.get(paths.size() - 1);
            try
            {
                files.add(new CycleFile(cycle, List.copyOf(paths), Files.size(kept)));
            }
            catch (final IOException ex)
            {
                throw new RelayLogException("cannot read the size of relay log file " + kept, ex);
            }
        });
        return files;
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.delete(path);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("retention could not delete " + path, ex);
        }
    }
}

package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptGtidCheckpointException;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.NotARelayLogException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DirectorySync;
import io.semisync.storage.durability.DurabilityBarrier;
import io.semisync.storage.durability.FileForceDurabilityBarrier;
import io.semisync.storage.durability.MsyncDurabilityBarrier;
import io.semisync.storage.durability.NoOpDurabilityBarrier;
import io.semisync.storage.durability.PageCacheEviction;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A relay log on disk: a directory of Chronicle Queue cycle files holding {@link RecordLayout records}, a marker
 * file and an optional GTID checkpoint. {@link #open} checks the directory, recovers from what the disk holds, not the
 * page cache (drops an incomplete trailing transaction, makes all files durable) and reconciles the GTID checkpoint with the log (the log wins); then hands
 * out one {@link RelayLogWriter} at a time and any number of {@link RelayLogReader}s.
 */
public final class RelayLog implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RelayLog.class);
    private static final int MAX_RECORD_HEADROOM = 64;

    private final RelayLogConfig config;
    private final SingleChronicleQueue queue;
    private final RecoveredPosition recoveredPosition;
    private final GtidCheckpointFile checkpointFile;
    private final RelayLogView view;
    private final CycleFileNames names;
    private final Object compressionLock = new Object();
    private final Set<ExcerptTailer> tailers = ConcurrentHashMap.newKeySet();
    private final ReaderPositions readers;
    private volatile GtidCheckpoint checkpoint;
    private RelayLogWriter writer;
    private DurableCommitMark durableMark;
    private boolean closed;

    private RelayLog(
        final RelayLogConfig config,
        final SingleChronicleQueue queue,
        final RelayLogView view,
        final RecoveredPosition recoveredPosition,
        final GtidCheckpointFile checkpointFile,
        final GtidCheckpoint checkpoint)
    {
        this.config = config;
        this.queue = queue;
        this.view = view;
        this.names = CycleFileNames.of(queue);
        this.readers = ReaderPositions.load(config.directory(), config.timeProvider(), () ->
        {
            queue.refreshDirectoryListing();
            return queue.firstIndex();
        });
        this.recoveredPosition = recoveredPosition;
        this.checkpointFile = checkpointFile;
        this.checkpoint = checkpoint;
    }

    /**
     * Opens (creating if missing, unless read-only) and recovers a relay log.
     *
     * @param config settings; validated here.
     * @return the open relay log.
     * @throws NotARelayLogException          if the directory is not a relay log.
     * @throws CorruptGtidCheckpointException if the GTID checkpoint file is damaged.
     * @throws RelayLogException              if a stored record is of an unknown format or recovery fails.
     */
    public static RelayLog open(final RelayLogConfig config)
    {
        config.validate();
        final Path directory = config.directory();
        RelayLogDirectory.prepare(directory, config.readOnly());
        if (!config.readOnly())
        {
            final List<Path> stale = RelayLogCompression.cleanUp(directory);
            if (!stale.isEmpty())
            {
                LOG.info("relay log {}: deleted unfinished or cached copies {}", directory, stale);
            }
            CycleFileRepair.cleanUp(directory);
            readFromDiskFromNowOn(directory);
        }
        final RelayLogView view = config.readOnly() && RelayLogView.isNeeded(directory) ? RelayLogView.of(directory) : null;
        SingleChronicleQueue queue;
        try
        {
            queue = view == null ? open(config, directory, config.readOnly()) : open(config, view.directory(), false);
        }
        catch (final RuntimeException ex)
        {
            closeView(view, ex);
            throw ex;
        }
        try
        {
            final RelayLogRecovery recovery = new RelayLogRecovery();
            final GtidCheckpointFile checkpointFile = new GtidCheckpointFile(directory);
            final long durableIndex = checkpointFile.read().map(GtidCheckpoint::coveredIndex).orElse(-1L);
            final RecoveredPosition position;
            if (config.readOnly())
            {
                position = recovery.findLastCommit(queue, durableIndex);
                final int missing = AckJournalReplay.missing(queue, directory, position.lastCommitIndex()).size();
                if (missing > 0)
                {
                    LOG.warn("relay log {}: its ACK journal holds {} records, acknowledged to the source, that the cycle files lost in "
                        + "a crash; read-only, they are not shown: start the replica on this directory (it appends them), then read "
                        + "it again", directory, missing);
                }
            }
            else
            {
                RecoveredPosition recovered = recovery.recover(queue, durableIndex);
                if (CycleFileRepair.isNeeded(queue))
                {
                    CycleFileRepair.rewrite(queue, directory, config);
                    queue.close();
                    queue = open(config, directory, false);
                    recovered = recovery.recover(queue, durableIndex);
                }
                if (AckJournalReplay.replay(queue, directory, recovered.lastCommitIndex()) > 0)
                {
                    // the journal's last write may have ended inside a transaction
                    recovered = recovery.recover(queue, durableIndex);
                }
                position = recovered;
                fsyncAllFiles(directory);
                if (journalSize(config) == 0)
                {
                    AckJournal.remove(directory);
                }
            }
            final GtidCheckpoint checkpoint = reconcile(checkpointFile, position, config.readOnly());
            LOG.info("opened relay log {}: last commit point index {} at {} {}, {} records dropped", directory,
                position.lastCommitIndex(), position.sourceFileName(), position.endPosition(),
                position.droppedRecords());
            return new RelayLog(config, queue, view, position, checkpointFile, checkpoint);
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            closeView(view, ex);
            throw ex;
        }
    }

    /** The queue; a view is opened for writing, so that its own copy of the metadata lists every cycle it holds. */
    private static SingleChronicleQueue open(final RelayLogConfig config, final Path directory, final boolean readOnly)
    {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(config.rollCycle())
            .blockSize(config.blockSize())
            .timeProvider(config.timeProvider())
            .readOnly(readOnly)
            .syncMode(config.durabilityMode() == DurabilityMode.MSYNC ? SyncMode.SYNC : SyncMode.NONE)
            .build();
    }

    private static void closeView(final RelayLogView view, final RuntimeException failure)
    {
        if (view != null)
        {
            try
            {
                view.close();
            }
            catch (final RuntimeException ex)
            {
                failure.addSuppressed(ex);
            }
        }
    }

    private static GtidCheckpoint reconcile(
        final GtidCheckpointFile file,
        final RecoveredPosition position,
        final boolean readOnly)
    {
        final Optional<GtidCheckpoint> stored = file.read();
        if (stored.isEmpty() || stored.get().coveredIndex() <= position.lastCommitIndex())
        {
            return stored.orElse(null);
        }
        if (readOnly)
        {
            LOG.warn("GTID checkpoint covers index {} beyond the last commit point {}; ignoring it",
                stored.get().coveredIndex(), position.lastCommitIndex());
        }
        else
        {
            final Path discarded = file.discard();
            LOG.warn("GTID checkpoint covers index {} beyond the last commit point {}; the log wins, moved it to {}",
                stored.get().coveredIndex(), position.lastCommitIndex(), discarded);
        }
        return null;
    }

    private static void fsyncAllFiles(final Path directory)
    {
        for (final Path file : regularFiles(directory))
        {
            DirectorySync.fsyncFile(file);
        }
        DirectorySync.fsyncDirectory(directory);
    }

    /**
     * Before recovery: syncs every file (what a killed writer left dirty), then drops them all from the page cache, so
     * that recovery reads what the disk holds. After a failed sync the page cache may show records the disk never got
     * (see {@link PageCacheEviction}); trusting them would leave a hole in the log at the next power loss.
     */
    private static void readFromDiskFromNowOn(final Path directory)
    {
        final List<Path> files = regularFiles(directory);
        for (final Path file : files)
        {
            DirectorySync.fsyncFile(file);
        }
        for (final Path file : files)
        {
            PageCacheEviction.evict(file);
        }
    }

    private static List<Path> regularFiles(final Path directory)
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot list relay log directory " + directory, ex);
        }
    }

    /**
     * Opens the writer on the calling thread, which then owns it, after proving that syncing is real.
     *
     * @return the writer.
     * @throws RelayLogException   if the log is read-only or a writer is already open.
     * @throws DurabilityException if the startup durability check fails.
     */
    public synchronized RelayLogWriter openWriter()
    {
        if (config.readOnly())
        {
            throw new RelayLogException("relay log " + config.directory() + " is open read-only");
        }
        if (writer != null)
        {
            throw new RelayLogException("relay log " + config.directory() + " already has an open writer");
        }
        final ExcerptAppender appender = queue.createAppender();
        final DurabilityBarrier barrier = switch (config.durabilityMode())
        {
            case FSYNC -> new FileForceDurabilityBarrier(appender::currentFile, config.directory());
            case MSYNC -> new MsyncDurabilityBarrier(appender, config.directory());
            case NONE -> new NoOpDurabilityBarrier();
        };
        try
        {
            DurabilityStartupCheck.verify(appender, barrier, config.directory());
        }
        catch (final RuntimeException ex)
        {
            barrier.close();
            appender.close();
            throw ex;
        }
        final long maxRecordLength = queue.overlapSize() - MAX_RECORD_HEADROOM;
        final RecoveredPosition position = currentPositionForWriter();
        final DurableCommitMark mark;
        try
        {
            mark = DurableCommitMark.openForWriter(config.directory(), position.lastCommitIndex());
        }
        catch (final RuntimeException ex)
        {
            barrier.close();
            appender.close();
            throw ex;
        }
        final PageCachePrefetch prefetch = config.prefetchPages()
            ? new PageCachePrefetch("relay-log-prefetch " + config.directory().getFileName(), appender::currentFile) : null;
        writer = new RelayLogWriter(this, appender, barrier, mark, maxRecordLength, position, prefetch, journalSize(config));
        return writer;
    }

    /** Bytes of the ACK journal the writer keeps: none unless every ACK waits for a sync. */
    private static long journalSize(final RelayLogConfig config)
    {
        return config.durabilityMode() == DurabilityMode.FSYNC ? config.ackJournalSize() : 0;
    }

    private RecoveredPosition currentPositionForWriter()
    {
        return new RelayLogRecovery().findLastCommit(queue, RelayLogRecovery.NOTHING_TORN);
    }

    /**
     * A new reader at the start of the log. Compressed files it may read are decompressed first, next to them (the
     * plain copy is a cache that {@link #compressClosedFiles} deletes once no open reader is before it); a read-only
     * relay log reads them from its private view.
     *
     * @return a new reader positioned at the start of the log.
     * @throws RelayLogException if a compressed file cannot be decompressed.
     */
    public RelayLogReader openReader()
    {
        return openReader(ReaderPositions.FROM_OLDEST);
    }

    /**
     * As {@link #openReader()} for a reader that will move to {@code fromIndex} (with {@link RelayLogReader#moveToIndex}
     * or {@link RelayLogReader#moveAfter}) before it reads: only compressed files from the one of {@code fromIndex} on
     * are decompressed, so a downstream replica or a change feed that starts late does not pay for the whole archive.
     *
     * @param fromIndex the first index the reader will read; {@link ReaderPositions#FROM_OLDEST} for all.
     * @return a new reader positioned at the start of what is visible; move it before reading.
     */
    public RelayLogReader openReader(final long fromIndex)
    {
        final ExcerptTailer tailer;
        synchronized (compressionLock)
        {
            final int fromCycle = fromIndex < 0 ? Integer.MIN_VALUE : queue.rollCycle().toCycle(fromIndex);
            if (!config.readOnly() && decompressInPlace(fromCycle))
            {
                queue.refreshDirectoryListing();
            }
            tailer = queue.createTailer();
            if (config.compressClosedFiles())
            {
                tailers.removeIf(ExcerptTailer::isClosed);
                tailers.add(tailer);
            }
        }
        return new RelayLogReader(tailer).toStart();
    }

    private boolean decompressInPlace(final int fromCycle)
    {
        boolean any = false;
        for (final Path compressed : listFiles(path -> RelayLogCompression.isCompressed(path.getFileName().toString())
            && names.cycleOf(path.getFileName().toString()).orElse(Integer.MIN_VALUE) >= fromCycle))
        {
            final Path plain = compressed.resolveSibling(RelayLogCompression.uncompressedName(compressed.getFileName().toString()));
            if (!Files.exists(plain))
            {
                RelayLogCompression.decompress(compressed, plain);
                any = true;
            }
        }
        return any;
    }

    /**
     * Compresses every closed cycle file (not the newest, not the one of the last commit point, none an open reader of
     * this relay log may still reach) with zstd when {@link RelayLogConfig#compressClosedFiles} is on, and deletes plain
     * copies readers no longer need. Readers must not move back before where they were once they read; call it
     * periodically, e.g. with retention.
     *
     * @return the compressed files written.
     * @throws RelayLogException if the log is read-only, or a file cannot be compressed (it then stays as it was).
     */
    public List<Path> compressClosedFiles()
    {
        if (config.readOnly())
        {
            throw new RelayLogException("relay log " + config.directory() + " is open read-only");
        }
        if (!config.compressClosedFiles())
        {
            return List.of();
        }
        final List<Path> compressed = new ArrayList<>();
        for (final Path plain : listFiles(path -> path.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX)))
        {
            final OptionalInt cycle = names.cycleOf(plain.getFileName().toString());
            if (cycle.isEmpty() || cycle.getAsInt() >= firstKeptPlain())
            {
                continue;
            }
            final Path zst = RelayLogCompression.compressedPath(plain);
            if (!Files.exists(zst))
            {
                // outside the lock: a reader opening meanwhile need not wait for a large file
                compressed.add(RelayLogCompression.writeCompressed(plain));
            }
            synchronized (compressionLock)
            {
                // a reader that opened meanwhile keeps the plain file, until a later pass
                if (cycle.getAsInt() < firstKeptPlain())
                {
                    deleteCachedCopy(plain);
                    queue.refreshDirectoryListing();
                }
            }
        }
        if (!compressed.isEmpty())
        {
            LOG.info("compressed {} relay log files: {}", compressed.size(), compressed);
        }
        return compressed;
    }

    /**
     * The first cycle whose plain file must stay: the newest, the one of the last commit point, and any an open reader
     * may still reach.
     */
    private int firstKeptPlain()
    {
        synchronized (compressionLock)
        {
            final long lastCommitIndex = new RelayLogRecovery().findLastCommit(queue, RelayLogRecovery.NOTHING_TORN).lastCommitIndex();
            int firstKept = queue.lastCycle();
            if (lastCommitIndex >= 0)
            {
                firstKept = Math.min(firstKept, queue.rollCycle().toCycle(lastCommitIndex));
            }
            tailers.removeIf(ExcerptTailer::isClosed);
            for (final ExcerptTailer tailer : tailers)
            {
                // read from another thread: a stale cycle is an older one, which keeps more
                firstKept = Math.min(firstKept, tailer.cycle());
            }
            return firstKept;
        }
    }

    private static void deleteCachedCopy(final Path plain)
    {
        try
        {
            Files.delete(plain);
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot delete " + plain + ", a copy of " + RelayLogCompression.compressedPath(plain)
                + " that readers no longer need: " + ex.getMessage(), ex);
        }
    }

    private List<Path> listFiles(final Predicate<Path> filter)
    {
        try (Stream<Path> entries = Files.list(config.directory()))
        {
            return entries.filter(filter).sorted().toList();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new RelayLogException("cannot list the files of relay log " + config.directory() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The index of the last commit point the writer (in this or another process) has made durable, from the mark it
     * keeps for readers; read it again for the latest. Empty for a relay log whose writer has never published one
     * (written before the mark existed): then only the last commit point is known.
     *
     * @return the last durable commit point's index, -1 before any.
     */
    public synchronized OptionalLong durableCommitIndex()
    {
        if (durableMark == null && !closed)
        {
            durableMark = DurableCommitMark.openForReader(config.directory());
        }
        return durableMark == null ? OptionalLong.empty() : OptionalLong.of(durableMark.durableCommitIndex());
    }

    /**
     * @return the last commit point found when the log was opened, and how many trailing records were dropped.
     */
    public RecoveredPosition recoveredPosition()
    {
        return recoveredPosition;
    }

    /**
     * @return the latest GTID checkpoint the log agrees with, empty if none.
     */
    public Optional<GtidCheckpoint> gtidCheckpoint()
    {
        return Optional.ofNullable(checkpoint);
    }

    /**
     * Delivers the GTID of every commit point after {@code afterIndex} that has one, in log order. With the GTID
     * checkpoint this rebuilds the executed GTID set: start from the checkpoint's state and pass its covered index.
     *
     * @param afterIndex deliver commit points after this index; -1 for all.
     * @param handler    receives each GTID.
     * @return commit points delivered.
     */
    public long scanCommittedGtids(final long afterIndex, final CommittedGtidHandler handler)
    {
        final long[] delivered = new long[1];
        try (RelayLogReader reader = openReader(afterIndex))
        {
            if (afterIndex >= 0 && !reader.moveAfter(afterIndex))
            {
                if (afterIndex >= queue.firstIndex())
                {
                    throw new RelayLogException("cannot scan GTIDs after index " + afterIndex +
                        ": no such record in " + config.directory());
                }
                reader.toStart();
            }
            final RecordHandler gtidFilter = record ->
            {
                if (record.isTransactionEnd() && record.gtidKind() != GtidKind.NONE)
                {
                    handler.onCommittedGtid(record.index(), record.gtidKind(), record.buffer(), record.gtidOffset(),
                        record.gtidLength());
                    delivered[0]++;
                }
            };
            reader.poll(gtidFilter, Integer.MAX_VALUE);
        }
        return delivered[0];
    }

    /**
     * Applies the configured retention limits once (off by default); see {@link RelayLogRetention} for what is
     * never deleted. Registered readers ({@link #readers}) are read afresh from their file first, those detached for longer
     * than {@link RelayLogConfig#retentionReaderExpiry} are dropped, and each reader that loses records it needs is
     * marked before its files go. When another process holds the readers' file, the pass is skipped: it never waits for one.
     * Call it periodically, from any thread.
     *
     * @return what was deleted; nothing when skipped.
     */
    public RetentionResult applyRetention()
    {
        if (config.readOnly())
        {
            throw new RelayLogException("relay log " + config.directory() + " is open read-only");
        }
        if (config.retentionMaxAge() == null && config.retentionMaxBytes() == 0)
        {
            return new RetentionResult(List.of(), 0);
        }
        // not under the compression lock, which a long compression holds: a file retention deletes under a compression
        // only fails that compression, and a compressed file of a deleted cycle goes at the next pass
        final RetentionResult result = readers.locked(false, () ->
        {
            readers.expire(config.retentionReaderExpiry());
            final long lastCommitIndex = new RelayLogRecovery().findLastCommit(queue, RelayLogRecovery.NOTHING_TORN).lastCommitIndex();
            return RelayLogRetention.apply(queue, names, config.retentionMaxAge(), config.retentionMaxBytes(), lastCommitIndex, checkpoint,
                readers.lowestNeededIndex(), config.retentionReaderMaxBytes(), this::tellReadersThatFellBehind);
        });
        if (result == null)
        {
            LOG.debug("retention skipped: another process is saving the registered readers of {}", config.directory());
            return new RetentionResult(List.of(), 0);
        }
        return result;
    }

    /** Marks each registered reader that needs the cycle about to be deleted, before it goes. */
    private void tellReadersThatFellBehind(final int cycle)
    {
        for (final RegisteredReader reader : readers.readers())
        {
            final long needed = reader.neededIndex();
            if (!reader.hasFallenBehind() && (needed < 0 || queue.rollCycle().toCycle(needed) <= cycle))
            {
                reader.fellBehind("reader '" + reader.name() + "' fell behind: retention deleted "
                    + (needed < 0 ? "the oldest relay-log file" : "relay-log file " + names.nameOfIndex(needed) + " (index " + needed + ")")
                    + " that it needs, as the relay log outgrew retention-reader-max-bytes (" + config.retentionReaderMaxBytes()
                    + "); restart it from what the relay log still holds, or raise that limit");
                LOG.warn("{}", reader.fellBehindMessage());
            }
        }
    }

    /**
     * The registry of readers whose positions retention respects (a downstream replica, a change feed); see
     * {@link ReaderPositions}.
     */
    public ReaderPositions readers()
    {
        return readers;
    }

    /**
     * Lists the relay log's cycle files, a compressed one as {@code NAME.cq4.zst} (not its plain copy, which a reader
     * may have made); any thread may call it.
     *
     * @return the files, oldest first.
     * @throws RelayLogException if the directory cannot be listed.
     */
    public List<RelayLogFile> files()
    {
        final List<RelayLogFile> files = new ArrayList<>();
        for (final Path path : listFiles(path -> names.cycleOf(path.getFileName().toString()).isPresent()
            && !Files.exists(RelayLogCompression.compressedPath(path))))
        {
            try
            {
                files.add(new RelayLogFile(path, Files.size(path)));
            }
            catch (final IOException ex)
            {
                // compressed or deleted by retention in the meantime
                LOG.debug("relay log file {} is gone: {}", path, ex.getMessage());
            }
        }
        return files;
    }

    /**
     * The name of the file that holds (or held) the record at {@code index}, as {@link #files} names it before it is
     * compressed ({@code .zst} added then); any thread.
     *
     * @param index a relay log index.
     * @return e.g. {@code 20261206-13.cq4}.
     */
    public String fileNameOf(final long index)
    {
        return names.nameOfIndex(index);
    }

    /**
     * The cycle (the file) of {@code index}: records of one file share it, and a later file has a higher one; any thread.
     */
    public int cycleOf(final long index)
    {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * @return the relay log directory.
     */
    public Path directory()
    {
        return config.directory();
    }

    long voidAfter(final long lastCommitIndex)
    {
        return new RelayLogRecovery().voidAfter(queue, lastCommitIndex);
    }

    void saveGtidCheckpoint(final long coveredIndex, final DirectBuffer state, final int offset, final int length)
    {
        checkpoint = checkpointFile.write(coveredIndex, state, offset, length);
    }

    synchronized void onWriterClosed(final RelayLogWriter closedWriter)
    {
        if (writer == closedWriter)
        {
            writer = null;
        }
    }

    @Override
    public synchronized void close()
    {
        if (writer != null)
        {
            LOG.warn("closing relay log {} with its writer still open", config.directory());
        }
        closed = true;
        if (durableMark != null)
        {
            durableMark.close();
        }
        queue.close();
        if (view != null)
        {
            view.close();
        }
    }
}

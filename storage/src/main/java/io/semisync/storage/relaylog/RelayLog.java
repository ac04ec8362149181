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
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A relay log on disk: a directory of Chronicle Queue cycle files holding {@link RecordLayout records}, a marker
 * file and an optional GTID checkpoint. {@link #open} checks the directory, recovers (drops an incomplete trailing
 * transaction, makes all files durable) and reconciles the GTID checkpoint with the log (the log wins); then hands
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
    private volatile GtidCheckpoint checkpoint;
    private RelayLogWriter writer;

    private RelayLog(
        final RelayLogConfig config,
        final SingleChronicleQueue queue,
        final RecoveredPosition recoveredPosition,
        final GtidCheckpointFile checkpointFile,
        final GtidCheckpoint checkpoint)
    {
        this.config = config;
        this.queue = queue;
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
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(config.rollCycle())
            .blockSize(config.blockSize())
            .timeProvider(config.timeProvider())
            .readOnly(config.readOnly())
            .syncMode(config.durabilityMode() == DurabilityMode.MSYNC ? SyncMode.SYNC : SyncMode.NONE)
            .build();
        try
        {
            final RelayLogRecovery recovery = new RelayLogRecovery();
            final GtidCheckpointFile checkpointFile = new GtidCheckpointFile(directory);
            final long durableIndex = checkpointFile.read().map(GtidCheckpoint::coveredIndex).orElse(-1L);
            final RecoveredPosition position;
            if (config.readOnly())
            {
                position = recovery.findLastCommit(queue, durableIndex);
            }
            else
            {
                position = recovery.recover(queue, durableIndex);
                fsyncAllFiles(directory);
            }
            final GtidCheckpoint checkpoint = reconcile(checkpointFile, position, config.readOnly());
            LOG.info("opened relay log {}: last commit point index {} at {} {}, {} records dropped", directory,
                position.lastCommitIndex(), position.sourceFileName(), position.endPosition(),
                position.droppedRecords());
            return new RelayLog(config, queue, position, checkpointFile, checkpoint);
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
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
        final List<Path> files;
        try (Stream<Path> entries = Files.list(directory))
        {
            files = entries.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot list relay log directory " + directory, ex);
        }
        for (final Path file : files)
        {
            DirectorySync.fsyncFile(file);
        }
        DirectorySync.fsyncDirectory(directory);
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
        writer = new RelayLogWriter(this, appender, barrier, maxRecordLength, currentPositionForWriter());
        return writer;
    }

    private RecoveredPosition currentPositionForWriter()
    {
        return new RelayLogRecovery().findLastCommit(queue, RelayLogRecovery.NOTHING_TORN);
    }

    /**
     * @return a new reader positioned at the start of the log.
     */
    public RelayLogReader openReader()
    {
        return new RelayLogReader(queue.createTailer()).toStart();
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
        try (RelayLogReader reader = openReader())
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
     * never deleted. Call it periodically, e.g. when the writer starts a new cycle.
     *
     * @return what was deleted.
     */
    public RetentionResult applyRetention()
    {
        if (config.readOnly())
        {
            throw new RelayLogException("relay log " + config.directory() + " is open read-only");
        }
        final long lastCommitIndex = new RelayLogRecovery().findLastCommit(queue, RelayLogRecovery.NOTHING_TORN).lastCommitIndex();
        return RelayLogRetention.apply(queue, config.retentionMaxAge(), config.retentionMaxBytes(), lastCommitIndex,
            checkpoint);
    }

    /**
     * Lists the relay log's cycle files; any thread may call it.
     *
     * @return the files, oldest first.
     * @throws RelayLogException if the directory cannot be listed.
     */
    public List<RelayLogFile> files()
    {
        try (Stream<Path> entries = Files.list(config.directory()))
        {
            final List<RelayLogFile> files = new ArrayList<>();
            for (final Path path : entries.filter(path -> path.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .sorted().collect(Collectors.toList()))
            {
                files.add(new RelayLogFile(path, Files.size(path)));
            }
            return files;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new RelayLogException("cannot list the files of relay log " + config.directory() + ": " + ex.getMessage(), ex);
        }
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
        queue.close();
    }
}

package io.semisync.replica.archive;

import io.semisync.replica.session.GtidText;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Answers which source binlog files, and which relay-log ranges, a restore needs: the files the relay log holds
 * ({@link #files}), the file that holds a time ({@link #forTime}) and the smallest set of files that holds a GTID set
 * ({@link #forGtidSet}). Each answer is one pass over the relay log up to a commit point, so it counts complete
 * transactions only; a transaction's time is the stamp of its first event, as {@code export --stop-datetime} and
 * {@code mysqlbinlog --stop-datetime} read it.
 */
public final class ArchiveSearch
{
    private static final int BATCH = 1024;

    /** Told of each transaction's first event, with the position of its file in the list being built. */
    @FunctionalInterface
    private interface TransactionHandler
    {
        void onTransaction(int file, long timestamp, RelayLogRecord first);
    }

    private final RelayLog relayLog;
    private final long lastCommitIndex;
    private final List<ArchivedFile> files = new ArrayList<>();
    private String fileName;
    private long firstIndex;
    private long lastIndex;
    private long transactions;
    private long firstStamp;
    private long lastStamp;
    private boolean unitStart = true;
    private boolean done;
    private TransactionHandler handler;

    private ArchiveSearch(final RelayLog relayLog, final long lastCommitIndex)
    {
        this.relayLog = relayLog;
        this.lastCommitIndex = lastCommitIndex;
    }

    /**
     * @param lastCommitIndex the relay-log index of the last commit point to look at (a running replica's servable
     *                        index, or {@code relayLog.recoveredPosition().lastCommitIndex()})
     * @return every source file the relay log holds up to that point, in order.
     */
    public static List<ArchivedFile> files(final RelayLog relayLog, final long lastCommitIndex)
    {
        return new ArchiveSearch(relayLog, lastCommitIndex).scan((file, timestamp, first) -> { });
    }

    /**
     * The file that holds {@code time}: the one with the last transaction before the first one stamped after it, so
     * a restore to {@code time} replays the files up to this one.
     *
     * @throws ArchiveSearchException if the relay log holds no transaction stamped at or before {@code time}.
     */
    public static ArchivedFile forTime(final RelayLog relayLog, final long lastCommitIndex, final Instant time)
    {
        final long seconds = time.getEpochSecond();
        final int[] covering = {-1};
        final boolean[] after = {false};
        final List<ArchivedFile> files = new ArchiveSearch(relayLog, lastCommitIndex).scan((file, timestamp, first) ->
        {
            after[0] |= timestamp > seconds;
            if (!after[0])
            {
                covering[0] = file;
            }
        });
        if (covering[0] < 0)
        {
            throw new ArchiveSearchException("the relay log holds no transaction stamped at or before " + time + (files.isEmpty()
                ? " (it holds no complete transaction)" : "; its first is stamped " + firstStamped(files)) + ": name a later time");
        }
        return files.get(covering[0]);
    }

    private static Instant firstStamped(final List<ArchivedFile> files)
    {
        return files.stream().map(ArchivedFile::firstTransaction).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * The smallest set of files that holds every transaction of {@code gtidSet}: those holding at least one of them.
     *
     * @param gtidSet MySQL: {@code uuid:1-5:7,...}; MariaDB: a comma list of {@code domain-server-sequence} GTIDs
     *                and {@code domain-server-first-last} ranges
     * @throws ArchiveSearchException if the set cannot be read or the relay log does not hold all of it.
     */
    public static List<ArchivedFile> forGtidSet(final RelayLog relayLog, final long lastCommitIndex, final String gtidSet)
    {
        final GtidSetQuery query;
        try
        {
            query = GtidSetQuery.parse(gtidSet);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ArchiveSearchException(ex.getMessage(), ex);
        }
        final TreeSet<Integer> holding = new TreeSet<>();
        final List<ArchivedFile> files = new ArchiveSearch(relayLog, lastCommitIndex).scan((file, timestamp, first) ->
        {
            if (query.take(GtidText.of(first.gtidKind(), first.buffer(), first.gtidOffset(), first.gtidLength())))
            {
                holding.add(file);
            }
        });
        if (!query.isComplete())
        {
            throw new ArchiveSearchException("the relay log does not hold all of the GTID set " + query + ", " + query.found()
                + " (up to its last commit point): the rest was never stored or retention deleted it");
        }
        return holding.stream().map(files::get).toList();
    }

    private List<ArchivedFile> scan(final TransactionHandler handler)
    {
        this.handler = handler;
        try (RelayLogReader reader = relayLog.openReader())
        {
            int polled;
            do
            {
                polled = reader.poll(this::onRecord, BATCH);
            }
            while (!done && polled > 0);
        }
        if (fileName != null)
        {
            completeFile();
        }
        return files;
    }

    private void onRecord(final RelayLogRecord record)
    {
        if (done || record.index() > lastCommitIndex)
        {
            done = true;
            return;
        }
        final String name = record.sourceFileName();
        if (!name.equals(fileName))
        {
            if (fileName != null)
            {
                completeFile();
            }
            fileName = name;
            firstIndex = record.index();
            transactions = 0;
        }
        lastIndex = record.index();
        if (unitStart && record.gtidKind() != GtidKind.NONE)
        {
            final long stamp = record.eventTimestamp();
            if (transactions == 0)
            {
                firstStamp = stamp;
            }
            lastStamp = stamp;
            transactions++;
            handler.onTransaction(files.size(), stamp, record);
        }
        unitStart = record.isTransactionEnd();
    }

    private void completeFile()
    {
        files.add(new ArchivedFile(fileName, firstIndex, lastIndex, relayLog.fileNameOf(firstIndex), relayLog.fileNameOf(lastIndex),
            transactions, transactions == 0 ? null : Instant.ofEpochSecond(firstStamp), transactions == 0 ? null : Instant.ofEpochSecond(lastStamp)));
    }
}

package io.semisync.replica.export;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.replica.session.GtidText;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.durability.DirectorySync;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the relay log's events out as standard binlog files, one per source file and under its name, plus an index:
 * the magic header, then every stored event of the file with its bytes as the source wrote them (the source's
 * FORMAT_DESCRIPTION first, PREVIOUS_GTIDS or GTID_LIST, the transactions, the source's ROTATE last), so each
 * event's offset in the exported file is the end position in its header minus its size, as in the source's file.
 * Only the in-use flag of the FORMAT_DESCRIPTION is cleared (the file is closed; the CRC32 does not cover that
 * flag). A file the relay log holds from a transaction in its middle (the replica started there; the source sent the
 * file's header first, then the transactions from where it began) keeps its header, and its transactions follow it at
 * once, so they sit earlier than their headers say ({@link ExportResult#filesFromTheirMiddle}); one stored without its
 * header opens with the next file's FORMAT_DESCRIPTION. A file with events missing between transactions cannot keep
 * the positions true and is refused. The export stops at the relay log's last commit point, so it holds complete
 * transactions only, or earlier where {@link ExportRange} says (a GTID, a time). Streams through one buffer that
 * grows to the largest event.
 */
public final class BinlogExport
{
    /** LOG_EVENT_BINLOG_IN_USE_F: set in a FORMAT_DESCRIPTION while the source writes to the file. */
    static final int BINLOG_IN_USE_FLAG = 0x01;

    private static final int BATCH = 1024;
    private static final long FIRST_EVENT_POSITION = BinlogFileOutput.MAGIC.length;

    private final RelayLog relayLog;
    private final Path outputDir;
    private final ExportRange range;
    private final BinlogFileOutput output;
    private final List<String> files = new ArrayList<>();
    private final long lastCommitIndex;
    private byte[] currentName = new byte[0];
    private boolean unitStart = true;
    private boolean stopAfterUnit;
    private boolean stoppedBefore;
    private final List<String> filesFromTheirMiddle = new ArrayList<>();
    /** How much earlier than their headers say the current file's events sit: 0 but in a file held from its middle. */
    private long shift;
    /** Whether the current file holds only its header so far (FORMAT_DESCRIPTION, PREVIOUS_GTIDS, GTID_LIST...). */
    private boolean headerOnly;
    private String currentFile;
    private boolean inRange;
    private boolean done;
    private long events;
    private long bytes;

    private BinlogExport(final RelayLog relayLog, final Path outputDir, final ExportRange range)
    {
        this.relayLog = relayLog;
        this.outputDir = outputDir;
        this.range = range;
        this.output = new BinlogFileOutput(outputDir, new ExpandableDirectByteBuffer(1 << 20));
        this.lastCommitIndex = relayLog.recoveredPosition().lastCommitIndex();
    }

    /**
     * Exports {@code range} of {@code relayLog} into {@code outputDir}, which must be empty or not exist.
     *
     * @return the files written.
     * @throws ExportException if the output directory is in use, the range is not held, a file cannot keep its
     *                         positions, or a write fails (files under their real names are then still whole).
     */
    public static ExportResult export(final RelayLog relayLog, final Path outputDir, final ExportRange range)
    {
        if (range.untilGtid() != null)
        {
            checkCommitted(relayLog, range.untilGtid());
        }
        prepare(outputDir);
        return new BinlogExport(relayLog, outputDir, range).run();
    }

    private static void checkCommitted(final RelayLog relayLog, final String gtid)
    {
        final boolean[] found = new boolean[1];
        relayLog.scanCommittedGtids(-1, (index, kind, buffer, offset, length) ->
            found[0] |= gtid.equals(GtidText.of(kind, buffer, offset, length)));
        if (!found[0])
        {
            throw new ExportException("the relay log holds no committed transaction " + gtid + " (--until-gtid): name a GTID "
                + "that dump lists with a commit");
        }
    }

    private static void prepare(final Path outputDir)
    {
        try
        {
            Files.createDirectories(outputDir);
            try (Stream<Path> entries = Files.list(outputDir))
            {
                if (entries.findAny().isPresent())
                {
                    throw new ExportException("output directory " + outputDir + " is not empty: export into a new or empty "
                        + "directory, so that no file of an earlier export is taken for part of this one");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new ExportException("cannot use output directory " + outputDir + ": " + ex.getMessage()
                + " (check that it can be created and written by this user)", ex);
        }
    }

    private ExportResult run()
    {
        try (RelayLogReader reader = relayLog.openReader())
        {
            int polled;
            do
            {
                polled = reader.poll(this::onRecord, BATCH);
            }
            while (!done && polled > 0);
            if (output.isOpen())
            {
                completeFile();
            }
        }
        catch (final RuntimeException ex)
        {
            output.abandon(ex);
            throw ex;
        }
        checkRangeFound();
        return new ExportResult(List.copyOf(files), writeIndex(), events, bytes, List.copyOf(filesFromTheirMiddle));
    }

    private void onRecord(final RelayLogRecord record)
    {
        if (done || record.index() > lastCommitIndex)
        {
            done = true;
            return;
        }
        if (unitStart && endsBefore(record))
        {
            done = true;
            stoppedBefore = true;
            return;
        }
        if (!isCurrentFile(record))
        {
            onNewFile(record);
            if (done)
            {
                return;
            }
        }
        if (inRange)
        {
            write(record);
        }
        unitStart = record.isTransactionEnd();
        if (unitStart && stopAfterUnit)
        {
            done = true;
        }
    }

    /**
     * At the first event of a transaction (or of an event that stands alone): whether the export ends before it, and
     * notes whether it ends after it.
     */
    private boolean endsBefore(final RelayLogRecord record)
    {
        if (range.stopDatetime() == null && range.untilGtid() == null || !inRange && !isFromFile(record))
        {
            return false;
        }
        if (range.stopDatetime() != null && record.eventTimestamp() >= range.stopDatetime().getEpochSecond())
        {
            return true;
        }
        if (range.untilGtid() != null && record.gtidKind() != GtidKind.NONE
            && range.untilGtid().equals(GtidText.of(record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength())))
        {
            stopAfterUnit = true;
            return range.excludeUntilGtid();
        }
        return false;
    }

    private boolean isFromFile(final RelayLogRecord record)
    {
        return range.fromFile() == null || range.fromFile().equals(record.sourceFileName());
    }

    private boolean isCurrentFile(final RelayLogRecord record)
    {
        final int length = record.sourceFileNameLength();
        if (length != currentName.length)
        {
            return false;
        }
        final int offset = record.sourceFileNameOffset();
        for (int i = 0; i < length; i++)
        {
            if (record.buffer().getByte(offset + i) != currentName[i])
            {
                return false;
            }
        }
        return true;
    }

    private void onNewFile(final RelayLogRecord record)
    {
        if (output.isOpen())
        {
            completeFile();
        }
        if (inRange && currentFile.equals(range.toFile()))
        {
            done = true;
            return;
        }
        currentFile = record.sourceFileName();
        currentName = currentFile.getBytes(StandardCharsets.UTF_8);
        shift = 0;
        headerOnly = true;
        inRange = inRange || range.fromFile() == null || currentFile.equals(range.fromFile());
        if (inRange)
        {
            if (record.eventType() == BinlogEventType.FORMAT_DESCRIPTION)
            {
                output.open(currentFile);
            }
            else
            {
                openFromItsMiddle(record);
            }
        }
    }

    /**
     * A file the relay log holds from a transaction in its middle (the replica started inside it; the source sent its
     * FORMAT_DESCRIPTION then without a position, and it was not stored): it opens with the FORMAT_DESCRIPTION of the
     * next file the relay log holds from its start (the same server's format), and its events follow as stored, so they
     * sit earlier in the exported file than their headers say.
     */
    private void openFromItsMiddle(final RelayLogRecord record)
    {
        final ExpandableDirectByteBuffer formatDescription = new ExpandableDirectByteBuffer(256);
        final int length = record.gtidKind() == GtidKind.NONE ? 0 : nextFormatDescription(record.index(), formatDescription);
        if (length == 0)
        {
            throw new ExportException("the relay log holds " + currentFile + " only from position " + startOf(record)
                + ", not from its start (the replica started inside that file), and " + (record.gtidKind() == GtidKind.NONE
                ? "not from a transaction's start" : "no later file from its start whose FORMAT_DESCRIPTION could open it")
                + ": export from a later file with --from-file (dump lists the files the relay log holds)");
        }
        output.open(currentFile);
        output.append(formatDescription, 0, length, BINLOG_IN_USE_FLAG);
        events++;
        bytes += length;
        shift = startOf(record) - output.position();
        filesFromTheirMiddle.add(currentFile);
    }

    /** Copies the first FORMAT_DESCRIPTION that starts a file, after {@code index}; returns its length, 0 if none. */
    private int nextFormatDescription(final long index, final ExpandableDirectByteBuffer destination)
    {
        final int[] length = {0};
        try (RelayLogReader reader = relayLog.openReader())
        {
            if (!reader.moveToIndex(index))
            {
                return 0;
            }
            int polled;
            do
            {
                polled = reader.poll(record ->
                {
                    if (length[0] == 0 && record.index() <= lastCommitIndex && record.eventType() == BinlogEventType.FORMAT_DESCRIPTION
                        && startOf(record) == FIRST_EVENT_POSITION)
                    {
                        length[0] = record.copyEvent(destination, 0);
                    }
                }, BATCH);
            }
            while (length[0] == 0 && polled > 0);
        }
        return length[0];
    }

    private void write(final RelayLogRecord record)
    {
        long start = startOf(record) - shift;
        if (start > output.position() && headerOnly && shift == 0)
        {
            // the replica started inside this file: the source sent its header, then the transactions from where it began
            shift = start - output.position();
            start -= shift;
            filesFromTheirMiddle.add(currentFile);
        }
        if (start != output.position())
        {
            throw new ExportException("the relay log holds no events of " + currentFile + " between positions "
                + output.position() + " and " + start + " (the replica resumed past them), so an exported " + currentFile
                + " could not keep the source's positions: export the files before it with --to-file and those after "
                + "it with --from-file");
        }
        final int cleared = record.eventType() == BinlogEventType.FORMAT_DESCRIPTION && start == FIRST_EVENT_POSITION && shift == 0
            ? BINLOG_IN_USE_FLAG : 0;
        output.append(record.buffer(), record.eventOffset(), record.eventLength(), cleared);
        headerOnly &= isHeader(record.eventType());
        events++;
        bytes += record.eventLength();
    }

    /** The events a file starts with, before its first transaction. */
    private static boolean isHeader(final int eventType)
    {
        return eventType == BinlogEventType.FORMAT_DESCRIPTION || eventType == BinlogEventType.PREVIOUS_GTIDS
            || eventType == BinlogEventType.MARIADB_GTID_LIST || eventType == BinlogEventType.MARIADB_BINLOG_CHECKPOINT;
    }

    private static long startOf(final RelayLogRecord record)
    {
        return record.endPosition() - record.eventLength();
    }

    private void completeFile()
    {
        output.complete();
        files.add(output.name());
        bytes += FIRST_EVENT_POSITION;
    }

    private void checkRangeFound()
    {
        if (files.isEmpty() && stoppedBefore)
        {
            throw new ExportException("nothing to export: the export ends before the first transaction of the files chosen ("
                + (range.untilGtid() != null ? "--until-gtid " + range.untilGtid() + " excluded" : "--stop-datetime "
                + range.stopDatetime()) + ")");
        }
        if (range.fromFile() != null && !inRange)
        {
            throw new ExportException("the relay log holds no events of " + range.fromFile()
                + " up to its last commit point: name a file that dump lists in --from-file");
        }
        if (files.isEmpty())
        {
            throw new ExportException("the relay log holds no complete transaction to export (last commit point: "
                + (lastCommitIndex < 0 ? "none" : "index " + lastCommitIndex) + ")");
        }
        if (range.toFile() != null && !files.contains(range.toFile()))
        {
            throw new ExportException("the relay log holds no events of " + range.toFile()
                + (range.fromFile() == null ? "" : " after " + range.fromFile()) + " up to its last commit point, from the first file exported on: name a file that dump lists in --to-file; "
                + "no index was written, the files exported " + files + " are whole");
        }
    }

    /** The index, named after the files' base name ({@code binlog.index}), listing them as the source's does. */
    private Path writeIndex()
    {
        final String first = files.get(0);
        final int dot = first.lastIndexOf('.');
        final Path index = outputDir.resolve((dot > 0 ? first.substring(0, dot) : first) + ".index");
        final Path partial = outputDir.resolve(index.getFileName() + BinlogFileOutput.PARTIAL_SUFFIX);
        final StringBuilder text = new StringBuilder();
        files.forEach(file -> text.append("./").append(file).append('\n'));
        try
        {
            DirectorySync.replaceWithText(index, partial, text);
        }
        catch (final IOException | DurabilityException ex)
        {
            throw new ExportException("cannot write the index " + index + ": " + ex.getMessage()
                + " (check free space and permissions there); the binlog files are whole, export again into an empty "
                + "directory to get the index", ex);
        }
        return index;
    }
}

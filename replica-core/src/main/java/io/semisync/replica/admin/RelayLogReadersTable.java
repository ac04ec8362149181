package io.semisync.replica.admin;

import io.semisync.protocol.server.ResultColumn;
import io.semisync.storage.relaylog.ReaderPositions;
import io.semisync.storage.relaylog.RegisteredReader;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogFile;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code SHOW RELAYLOG READERS}: the readers registered in the relay log (downstream replicas {@code serve:<uuid>}, change
 * feeds {@code cdc:...}), each with the first index it still needs, the file holding it, how many newer files there are
 * (its lag), whether it is attached in this process, when it was last seen attached (UTC) and, if retention left it
 * behind, the message it gets. Read afresh, so feeds in processes of their own show as of their last save.
 */
final class RelayLogReadersTable
{
    private RelayLogReadersTable()
    {
    }

    static ResultTable of(final RelayLog relayLog)
    {
        relayLog.readers().refresh();
        final List<String> files = relayLog.files().stream().map(RelayLogFile::name).map(RelayLogReadersTable::cycleName).toList();
        final ResultTable table = new ResultTable(ResultColumn.text("Reader"), ResultColumn.number("Needed_index"),
            ResultColumn.text("Needed_file"), ResultColumn.number("Files_behind"), ResultColumn.text("Attached"),
            ResultColumn.text("Last_seen"), ResultColumn.text("Fell_behind"));
        relayLog.readers().readers().stream().sorted(Comparator.comparing(RegisteredReader::name)).forEach(reader ->
        {
            final long needed = reader.neededIndex();
            final String neededFile = needed == ReaderPositions.FROM_OLDEST ? "" : cycleName(relayLog.fileNameOf(needed));
            final long behind = files.stream().filter(file -> file.compareTo(neededFile) > 0).count()
                - (needed == ReaderPositions.FROM_OLDEST && !files.isEmpty() ? 1 : 0);
            table.add(reader.name(), String.valueOf(needed), neededFile, String.valueOf(behind), reader.isAttached() ? "Yes" : "No",
                Instant.ofEpochMilli(reader.seenAtMillis()).toString(), reader.hasFallenBehind() ? reader.fellBehindMessage() : "");
        });
        return table;
    }

    /** A relay-log file's name without its {@code .cq4} or {@code .cq4.zst}, which sorts as the files do. */
    private static String cycleName(final String fileName)
    {
        final int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }
}

package io.semisync.replica.cli;

import io.semisync.replica.archive.ArchiveSearch;
import io.semisync.replica.archive.ArchiveSearchException;
import io.semisync.replica.archive.ArchiveTime;
import io.semisync.replica.archive.ArchivedFile;
import io.semisync.replica.archive.ArchivedFileTable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code semisync-replica search}: which source binlog files (and relay-log ranges) hold a time or a GTID set, or all
 * of them ({@link ArchiveSearch}); one tab-separated line per file under a header, as {@code SHOW BINLOG ARCHIVE}
 * answers on the admin endpoint.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "List the source binlog files the relay log holds, the one holding a time, or those holding a GTID set.")
final class SearchCommand implements Callable<Integer>
{
    /** What to search for: at most one. */
    static final class Query
    {
        @Option(names = "--time", description = "The file holding this time: ISO-8601 with offset (2026-12-06T15:20:00Z) or "
            + "'2026-12-06 15:20:00' (UTC).")
        String time;

        @Option(names = "--gtid-set", description = "The fewest files holding this GTID set: uuid:1-5:7:tag1:1-3 (MySQL) or "
            + "0-1-5,0-1-7-9 (MariaDB GTIDs and domain-server-first-last ranges).")
        String gtidSet;
    }

    @Option(names = "--data-dir", required = true, description = "The replica's data directory.")
    Path dataDir;

    @ArgGroup(exclusive = true)
    Query query;

    @Override
    public Integer call()
    {
        return ReadOnlyRelayLog.run(dataDir, relayLog ->
        {
            final long lastCommit = relayLog.recoveredPosition().lastCommitIndex();
            final List<ArchivedFile> files;
            if (query != null && query.time != null)
            {
                files = List.of(ArchiveSearch.forTime(relayLog, lastCommit, ArchiveTime.parse(query.time)));
            }
            else if (query != null && query.gtidSet != null)
            {
                files = ArchiveSearch.forGtidSet(relayLog, lastCommit, query.gtidSet);
            }
            else
            {
                files = ArchiveSearch.files(relayLog, lastCommit);
            }
            System.out.println(String.join("\t", ArchivedFileTable.COLUMNS));
            files.forEach(file -> System.out.println(String.join("\t",
                ArchivedFileTable.row(file).stream().map(value -> Objects.toString(value, "NULL")).toList())));
            return 0;
        }, List.of(ArchiveSearchException.class));
    }
}

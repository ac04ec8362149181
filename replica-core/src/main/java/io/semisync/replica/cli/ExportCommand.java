package io.semisync.replica.cli;

import io.semisync.replica.export.BinlogExport;
import io.semisync.replica.export.ExportException;
import io.semisync.replica.export.ExportRange;
import io.semisync.replica.export.ExportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code semisync-replica export}: the relay log as standard binlog files with an index ({@link BinlogExport}), for
 * {@code mysqlbinlog} and point-in-time recovery.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the relay log's complete transactions as standard binlog files plus an index.")
final class ExportCommand implements Callable<Integer>
{
    @Option(names = "--config", description = "Properties file with the options (keys without the leading dashes).")
    Path config;

    @Option(names = "--data-dir", required = true, description = "The replica's data directory.")
    Path dataDir;

    @Option(names = "--output", required = true, description = "Where the binlog files go: a new or empty directory.")
    Path output;

    @Option(names = "--from-file", description = "First source binlog file to export (default: the first held).")
    String fromFile;

    @Option(names = "--to-file", description = "Last source binlog file to export (default: the last held).")
    String toFile;

    @Option(names = "--until-gtid", description = "End with the transaction of this GTID (uuid:gno, uuid:tag:gno or domain-server-seq).")
    String untilGtid;

    @Option(names = "--exclude-until-gtid", description = "End just before the --until-gtid transaction instead.")
    boolean excludeUntilGtid;

    @Option(names = "--stop-datetime", description = "End before the first transaction stamped at or after this instant "
        + "(ISO-8601 with offset, e.g. 2026-12-06T15:20:00Z), as mysqlbinlog's --stop-datetime.")
    OffsetDateTime stopDatetime;

    @Override
    public Integer call()
    {
        if (excludeUntilGtid && untilGtid == null)
        {
            System.err.println("semisync-replica: --exclude-until-gtid needs --until-gtid");
            return 2;
        }
        return ReadOnlyRelayLog.run(dataDir, relayLog ->
        {
            final ExportResult result = BinlogExport.export(relayLog, output, new ExportRange(fromFile, toFile, untilGtid, excludeUntilGtid,
                stopDatetime == null ? null : stopDatetime.toInstant()));
            System.out.println("exported " + result.files().size() + " binlog files (" + String.join(", ", result.files())
                + "), " + result.events() + " events, " + result.bytes() + " bytes, index " + result.indexFile());
            result.filesFromTheirMiddle().forEach(file -> System.out.println(file + " is held from a transaction in its middle: "
                + "its transactions follow its header at once, earlier than the positions their headers name"));
            return 0;
        }, List.of(ExportException.class));
    }
}

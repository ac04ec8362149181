package io.semisync.replica.cli;

import io.semisync.replica.DataDirectory;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code semisync-replica dump}: the relay log's events in order, one {@link RelayLogLines line} each.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "List the events in the relay log.")
final class DumpCommand implements Callable<Integer>
{
    @Option(names = "--config", description = "Properties file with the options (keys without the leading dashes).")
    Path config;

    @Option(names = "--data-dir", required = true, description = "The replica's data directory.")
    Path dataDir;

    @Option(names = "--limit", description = "Print at most this many events (default: all).", defaultValue = "" + Long.MAX_VALUE)
    long limit;

    @Override
    public Integer call()
    {
        final Path relayLogDir = DataDirectory.relayLogOf(dataDir);
        if (!Files.isDirectory(relayLogDir))
        {
            System.err.println("semisync-replica: " + dataDir + " holds no relay log (no " + relayLogDir.getFileName() + " directory)");
            return 2;
        }
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogDir).readOnly(true).validate());
            RelayLogReader reader = relayLog.openReader())
        {
            final PrintStream out = System.out;
            final long[] printed = new long[1];
            reader.toStart();
            while (printed[0] < limit && reader.poll(record ->
            {
                if (printed[0]++ < limit)
                {
                    out.println(RelayLogLines.line(record));
                }
            }, 1024) > 0)
            {
                out.flush();
            }
            out.flush();
            return 0;
        }
        catch (final RelayLogException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return 1;
        }
    }
}

package io.semisync.replica.cli;

import io.semisync.replica.DataDirectory;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.Settings;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code semisync-replica dump}: the relay log's events in order, one {@link RelayLogLines line} each.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "List the events in the relay log.",
    modelTransformer = SettingOptions.AddToCommand.class)
final class DumpCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Properties file with the options (keys without the leading dashes); flags win.")
    Path config;

    @Option(names = "--limit", description = "Print at most this many events (default: all).", defaultValue = "" + Long.MAX_VALUE)
    long limit;

    @Override
    public Integer call()
    {
        final Path dataDir;
        try
        {
            dataDir = SettingOptions.DUMP.read(spec.commandLine().getParseResult(), config).validateRead().get(Settings.DATA_DIR);
        }
        catch (final ConfigException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (dataDir == null)
        {
            System.err.println("semisync-replica: no data directory: set " + Settings.DATA_DIR.flag() + " (config key "
                + Settings.DATA_DIR.name() + ")");
            return CommandLine.ExitCode.USAGE;
        }
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

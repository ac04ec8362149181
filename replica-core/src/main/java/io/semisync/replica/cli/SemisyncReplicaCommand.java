package io.semisync.replica.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.File;
import java.util.Properties;

/**
 * {@code semisync-replica}: the command line. {@code run} replicates, {@code dump} lists what the relay log
 * holds, {@code export} writes it out as standard binlog files. Settings come from flags and, with
 * {@code --config FILE}, from a properties file whose keys are the flag names without dashes in front
 * ({@code source-host = 10.0.0.5}); flags win.
 */
@Command(
    name = "semisync-replica",
    mixinStandardHelpOptions = true,
    version = "semisync-replica 0.1.0",
    description = "A semisynchronous MySQL/MariaDB replica that ACKs only after fsync.",
    subcommands = {RunCommand.class, DumpCommand.class, ExportCommand.class})
public final class SemisyncReplicaCommand
{
    /** JVM settings the replica needs whatever launched it; Chronicle must never phone home. */
    static final Properties JVM_PROPERTIES = new Properties();

    static
    {
        JVM_PROPERTIES.setProperty("chronicle.analytics.disable", "true");
        JVM_PROPERTIES.setProperty("chronicle.announcer.disable", "true");
    }

    private SemisyncReplicaCommand()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(final String... args)
    {
        JVM_PROPERTIES.forEach((key, value) -> System.setProperty((String)key, (String)value));
        final CommandLine commandLine = new CommandLine(SemisyncReplicaCommand.class);
        final File config = configFile(args);
        if (config != null)
        {
            if (!config.canRead())
            {
                System.err.println("semisync-replica: cannot read the config file " + config);
                return CommandLine.ExitCode.USAGE;
            }
            commandLine.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(config));
        }
        return commandLine.execute(args);
    }

    private static File configFile(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--config") && i + 1 < args.length)
            {
                return new File(args[i + 1]);
            }
            if (args[i].startsWith("--config="))
            {
                return new File(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}

package io.semisync.replica.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Properties;

/**
 * {@code semisync-replica}: the command line. {@code run} replicates, {@code dump} lists what the relay log
 * holds, {@code export} writes it out as standard binlog files, {@code cdc} prints its row changes as JSON lines,
 * {@code password-hash} prints the stored hash of an
 * admin password. Settings come from flags and, with {@code --config FILE}, from a properties file whose keys are
 * the flag names without dashes in front ({@code source-host = 10.0.0.5}); flags win.
 */
@Command(
    name = "semisync-replica",
    mixinStandardHelpOptions = true,
    version = "semisync-replica 0.1.0",
    description = "A semisynchronous MySQL/MariaDB replica that ACKs only after fsync.",
    subcommands = {RunCommand.class, DumpCommand.class, ExportCommand.class, SearchCommand.class, CdcCommand.class,
        PasswordHashCommand.class})
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
        return new CommandLine(SemisyncReplicaCommand.class).execute(args);
    }
}

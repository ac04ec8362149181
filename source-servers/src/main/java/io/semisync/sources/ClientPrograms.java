package io.semisync.sources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real command-line clients that tests drive servers with: MySQL 9.7's {@code mysql} from the provisioned
 * chroot (run with {@code chroot}, so as root, like the MySQL server) and the host's MariaDB 10.11 {@code mariadb}.
 * Both read no option files, so only the arguments given count.
 */
public final class ClientPrograms
{
    private static final String NO_DEFAULTS = "--no-defaults";

    private ClientPrograms()
    {
    }

    /** The command line of MySQL 9.7's {@code mysql} with {@code arguments}. */
    public static List<String> mysql(final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of(
            "chroot", mysqlRoot().toString(), "/usr/bin/mysql", NO_DEFAULTS));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * The directory the {@code mysql} client sees as {@code /}: a file it reads (a CA's PEM file) must lie below it,
     * and is named to it by its path relative to this directory.
     */
    public static Path mysqlRoot()
    {
        return LocalInstallation.fromEnvironment().mysqlChroot();
    }

    /** The command line of the host's {@code mariadb} client with {@code arguments}. */
    public static List<String> mariadb(final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of(LocalInstallation.fromEnvironment().mariadbClient().toString(), NO_DEFAULTS));
        command.addAll(List.of(arguments));
        return command;
    }
}

package io.semisync.sources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real command-line clients that tests drive servers with: MySQL 9.7's {@code mysql} and {@code mysqlbinlog}
 * from the provisioned chroot (run with {@code chroot}, so as root, like the MySQL server; files they read must lie
 * inside it, see {@link #mysqlChrootPath}) and the host's MariaDB 10.11 {@code mariadb} and {@code mariadb-binlog}.
 * All read no option files, so only the arguments given count.
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
        return inMysqlChroot("/usr/bin/mysql", arguments);
    }

    /** The command line of MySQL 9.7's {@code mysqlbinlog} with {@code arguments} (paths as {@link #mysqlChrootPath} gives them). */
    public static List<String> mysqlbinlog(final String... arguments)
    {
        return inMysqlChroot("/usr/bin/mysqlbinlog", arguments);
    }

    /** A path below {@link #mysqlRoot()} as the chroot's programs see it. */
    public static String mysqlChrootPath(final Path path)
    {
        return "/" + mysqlRoot().relativize(path.toAbsolutePath());
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
        return withArguments(List.of(LocalInstallation.fromEnvironment().mariadbClient().toString(), NO_DEFAULTS), arguments);
    }

    /** The command line of the host's {@code mariadb-binlog} with {@code arguments}. */
    public static List<String> mariadbBinlog(final String... arguments)
    {
        final Path client = LocalInstallation.fromEnvironment().mariadbClient();
        return withArguments(List.of(client.resolveSibling("mariadb-binlog").toString(), NO_DEFAULTS), arguments);
    }

    private static List<String> inMysqlChroot(final String program, final String... arguments)
    {
        return withArguments(List.of("chroot", mysqlRoot().toString(), program, NO_DEFAULTS), arguments);
    }

    private static List<String> withArguments(final List<String> program, final String... arguments)
    {
        final List<String> command = new ArrayList<>(program);
        command.addAll(List.of(arguments));
        return command;
    }
}

package io.semisync.sources;

import java.nio.file.Path;
import java.util.List;

/**
 * The real command-line clients of the provisioned installs, as tests run them: MySQL 9.7's {@code mysql} inside its
 * chroot, and MariaDB's {@code mariadb} from the host's packages.
 */
public final class CommandLineClients
{
    private CommandLineClients()
    {
    }

    /** The words that start the mysql 9.7 client: {@code chroot DIR /usr/bin/mysql}. */
    public static List<String> mysql()
    {
        return List.of("chroot", mysqlRoot().toString(), "/usr/bin/mysql");
    }

    /**
     * The directory the mysql client sees as {@code /}: a file it reads (a CA's PEM file) must lie below it, and is
     * named to it by its path relative to this directory.
     */
    public static Path mysqlRoot()
    {
        return LocalInstallation.fromEnvironment().mysqlChroot();
    }

    /** The words that start the mariadb client. */
    public static List<String> mariadb()
    {
        return List.of(LocalInstallation.fromEnvironment().mariadbClient().toString());
    }
}

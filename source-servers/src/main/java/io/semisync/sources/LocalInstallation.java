package io.semisync.sources;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code scripts/provision-sources.sh} installed the servers: a MySQL 9.7 Debian sid chroot and
 * the TLS files under the cache directory, MariaDB from the host's packages.
 */
final class LocalInstallation
{
    static final String PROVISION_HINT = "run scripts/provision-sources.sh (as root) to install the servers";

    private final Path cache;

    private LocalInstallation(final Path cache)
    {
        this.cache = cache;
    }

    /** The cache named by SEMISYNC_CACHE, or ~/.cache/semisync-replica. */
    static LocalInstallation fromEnvironment()
    {
        final String configured = System.getenv("SEMISYNC_CACHE");
        return new LocalInstallation(configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "semisync-replica"));
    }

    Path mysqlChroot()
    {
        final Path root = cache.resolve("mysql-9.7").resolve("root");
        require(Files.exists(cache.resolve("mysql-9.7").resolve(".complete")) && Files.isExecutable(root.resolve("usr/sbin/mysqld")),
            "MySQL 9.7 chroot not found at " + root);
        return root;
    }

    Path mariadbServer()
    {
        final Path mariadbd = Path.of("/usr/sbin/mariadbd");
        require(Files.isExecutable(mariadbd), "MariaDB server not found at " + mariadbd);
        return mariadbd;
    }

    Path mariadbClient()
    {
        final Path mariadb = Path.of("/usr/bin/mariadb");
        require(Files.isExecutable(mariadb), "MariaDB client not found at " + mariadb);
        return mariadb;
    }

    Path mariadbInstallDb()
    {
        final Path installDb = Path.of("/usr/bin/mariadb-install-db");
        require(Files.isExecutable(installDb), "mariadb-install-db not found at " + installDb);
        return installDb;
    }

    TlsFiles tls()
    {
        final Path dir = cache.resolve("tls");
        require(Files.exists(dir.resolve(".complete")), "test TLS certificates not found in " + dir);
        return TlsFiles.in(dir);
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new SourceServerException(what + ": " + PROVISION_HINT);
        }
    }
}

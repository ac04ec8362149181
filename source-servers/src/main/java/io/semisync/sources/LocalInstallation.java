package io.semisync.sources;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code scripts/provision-sources.sh} installed the servers: a MySQL 9.7 Debian sid chroot, a MariaDB 11.8
 * Debian trixie chroot and the TLS files under the cache directory, MariaDB 10.11 from the host's packages.
 */
final class LocalInstallation
{
    static final String PROVISION_HINT = "run scripts/provision-sources.sh (as root) to install the servers";
    /** Where the host's packages and the MariaDB 11.8 chroot's install the server and its data-directory initializer. */
    static final String MARIADB_SERVER = "/usr/sbin/mariadbd";
    static final String MARIADB_INSTALL_DB = "/usr/bin/mariadb-install-db";

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
        return chroot("mysql-9.7", "usr/sbin/mysqld", "MySQL 9.7");
    }

    /** The file system a MariaDB server of {@code release} runs in, checked to hold its server and install program. */
    ServerRoot mariadbRoot(final MariadbRelease release)
    {
        if (release == MariadbRelease.V10_11)
        {
            for (final String program : new String[] {MARIADB_SERVER, MARIADB_INSTALL_DB})
            {
                require(Files.isExecutable(Path.of(program)), "MariaDB 10.11 program not found at " + program);
            }
            return ServerRoot.host();
        }
        final Path root = chroot("mariadb-" + release.version(), MARIADB_SERVER.substring(1), release.toString());
        require(Files.isExecutable(root.resolve(MARIADB_INSTALL_DB.substring(1))), "mariadb-install-db not found in " + root);
        return ServerRoot.chroot(root);
    }

    Path mariadbClient()
    {
        final Path mariadb = Path.of("/usr/bin/mariadb");
        require(Files.isExecutable(mariadb), "MariaDB client not found at " + mariadb);
        return mariadb;
    }

    TlsFiles tls()
    {
        final Path dir = cache.resolve("tls");
        require(Files.exists(dir.resolve(".complete")), "test TLS certificates not found in " + dir);
        return TlsFiles.in(dir);
    }

    /** The chroot {@code $CACHE/name/root}, finished by the provisioning and holding {@code program}. */
    private Path chroot(final String name, final String program, final String what)
    {
        final Path root = cache.resolve(name).resolve("root");
        require(Files.exists(cache.resolve(name).resolve(".complete")) && Files.isExecutable(root.resolve(program)),
            what + " chroot not found at " + root);
        return root;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new SourceServerException(what + ": " + PROVISION_HINT);
        }
    }
}

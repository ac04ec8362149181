package io.semisync.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * MySQL 9.7 from Debian sid, run with {@code chroot} so its newer libraries stay out of the host. Its data
 * lives inside the chroot under {@code /srv/semisync}; the X plugin is off so nothing listens beyond
 * loopback.
 */
final class LocalMysqlServer extends LocalSourceServer
{
    private final Path chroot;

    private LocalMysqlServer(final Path chroot, final SourceOptions options, final TlsFiles tls)
    {
        super(Flavor.MYSQL, options, tls, chroot.resolve("srv").resolve("semisync"));
        this.chroot = chroot;
    }

    static LocalMysqlServer start(final LocalInstallation installation, final SourceOptions options)
    {
        final LocalMysqlServer server = new LocalMysqlServer(installation.mysqlChroot(), options, installation.tls());
        server.start();
        return server;
    }

    @Override
    List<String> flavorConfig(final SourceOptions options)
    {
        return List.of(
            "mysqlx=OFF",
            "secure-file-priv=NULL",
            "performance-schema=OFF",
            "gtid-mode=ON",
            "enforce-gtid-consistency=ON",
            "plugin-load-add=semisync_source.so",
            "loose-rpl-semi-sync-source-enabled=" + (options.semisyncEnabled() ? "ON" : "OFF"),
            "loose-rpl-semi-sync-source-timeout=" + options.semisyncTimeoutMillis(),
            "loose-rpl-semi-sync-source-wait-point=AFTER_SYNC",
            "loose-rpl-semi-sync-source-wait-no-replica=OFF");
    }

    @Override
    List<String> initializeCommand(final String configFile)
    {
        return List.of("chroot", chroot.toString(), "/usr/sbin/mysqld", "--defaults-file=" + configFile, "--initialize-insecure");
    }

    @Override
    List<String> startCommand(final String configFile, final String initFile)
    {
        return List.of("chroot", chroot.toString(), "/usr/sbin/mysqld", "--defaults-file=" + configFile, "--init-file=" + initFile);
    }

    @Override
    String serverPath(final Path path)
    {
        return "/" + chroot.relativize(path);
    }

    @Override
    String serverTlsDir(final Path instanceDir, final TlsFiles tls) throws IOException
    {
        final Path dir = Files.createDirectories(instanceDir.resolve("tls"));
        for (final String name : TlsFiles.SERVER_FILES)
        {
            Files.copy(tls.ca().resolveSibling(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return serverPath(dir);
    }
}

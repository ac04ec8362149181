package io.semisync.sources;

import java.util.List;

/**
 * MySQL 9.7 from Debian sid, run in its provisioned chroot. The X plugin is off so nothing listens beyond loopback.
 */
final class LocalMysqlServer extends LocalSourceServer
{
    private LocalMysqlServer(final ServerRoot root, final SourceOptions options, final TlsFiles tls)
    {
        super(Flavor.MYSQL, options, tls, root);
    }

    static LocalMysqlServer start(final LocalInstallation installation, final SourceOptions options)
    {
        final LocalMysqlServer server = new LocalMysqlServer(ServerRoot.chroot(installation.mysqlChroot()), options, installation.tls());
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
        return root().command("/usr/sbin/mysqld", "--defaults-file=" + configFile, "--initialize-insecure");
    }

    @Override
    List<String> startCommand(final String configFile, final String initFile)
    {
        return root().command("/usr/sbin/mysqld", "--defaults-file=" + configFile, "--init-file=" + initFile);
    }
}

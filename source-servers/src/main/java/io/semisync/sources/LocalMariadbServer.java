package io.semisync.sources;

import java.util.List;

/**
 * MariaDB from a local install: 10.11 from the host's Debian packages, or 11.8 from its provisioned Debian trixie
 * chroot ({@link SourceOptions#mariadbRelease()}). GTIDs are always on in MariaDB; strict mode is set, and the
 * semisync wait point is AFTER_SYNC so that an ACK means what it means on MySQL.
 */
final class LocalMariadbServer extends LocalSourceServer
{
    private LocalMariadbServer(final ServerRoot root, final SourceOptions options, final TlsFiles tls)
    {
        super(Flavor.MARIADB, options, tls, root);
    }

    static LocalMariadbServer start(final LocalInstallation installation, final SourceOptions options)
    {
        final LocalMariadbServer server = new LocalMariadbServer(installation.mariadbRoot(options.mariadbRelease()), options, installation.tls());
        server.start();
        return server;
    }

    @Override
    List<String> flavorConfig(final SourceOptions options)
    {
        return List.of(
            "gtid-strict-mode=ON",
            "rpl-semi-sync-master-enabled=" + (options.semisyncEnabled() ? "ON" : "OFF"),
            "rpl-semi-sync-master-timeout=" + options.semisyncTimeoutMillis(),
            "rpl-semi-sync-master-wait-point=AFTER_SYNC",
            "rpl-semi-sync-master-wait-no-slave=OFF");
    }

    /** {@code --force} skips the script's host name lookup, which fails in a chroot without /etc/hosts; all users are '%'. */
    @Override
    List<String> initializeCommand(final String configFile)
    {
        return root().command(LocalInstallation.MARIADB_INSTALL_DB, "--defaults-file=" + configFile,
            "--auth-root-authentication-method=normal", "--skip-test-db", "--force");
    }

    @Override
    List<String> startCommand(final String configFile, final String initFile)
    {
        return root().command(LocalInstallation.MARIADB_SERVER, "--defaults-file=" + configFile, "--init-file=" + initFile);
    }
}

package io.semisync.sources;

import java.nio.file.Path;
import java.util.List;

/**
 * MariaDB from the host's Debian packages (10.11 on bookworm). GTIDs are always on in MariaDB; strict
 * mode is set, and the semisync wait point is AFTER_SYNC so that an ACK means what it means on MySQL.
 */
final class LocalMariadbServer extends LocalSourceServer
{
    private final LocalInstallation installation;

    private LocalMariadbServer(final LocalInstallation installation, final SourceOptions options)
    {
        super(Flavor.MARIADB, options, installation.tls(), Path.of(System.getProperty("java.io.tmpdir"), "semisync-sources"));
        this.installation = installation;
    }

    static LocalMariadbServer start(final LocalInstallation installation, final SourceOptions options)
    {
        final LocalMariadbServer server = new LocalMariadbServer(installation, options);
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

    @Override
    List<String> initializeCommand(final String configFile)
    {
        return List.of(installation.mariadbInstallDb().toString(), "--defaults-file=" + configFile,
            "--auth-root-authentication-method=normal", "--skip-test-db");
    }

    @Override
    List<String> startCommand(final String configFile, final String initFile)
    {
        return List.of(installation.mariadbServer().toString(), "--defaults-file=" + configFile, "--init-file=" + initFile);
    }

    @Override
    String serverPath(final Path path)
    {
        return path.toString();
    }

    @Override
    String serverTlsDir(final Path instanceDir, final TlsFiles tls)
    {
        return tls.ca().getParent().toString();
    }
}

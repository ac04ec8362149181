package io.semisync.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Starts a real source of a flavor. {@code SEMISYNC_SOURCES} picks how:
 * <ul>
 *   <li>{@code local}: from the installs of {@code scripts/provision-sources.sh} (MySQL 9.7 chroot, MariaDB 10.11);</li>
 *   <li>{@code docker}: Testcontainers with {@code SEMISYNC_MYSQL_IMAGE} (default {@code mysql:9.7}) or
 *       {@code SEMISYNC_MARIADB_IMAGE} (default {@code mariadb:11});</li>
 *   <li>{@code external}: the user's servers at {@code SEMISYNC_MYSQL} / {@code SEMISYNC_MARIADB} ({@code host:port});</li>
 *   <li>unset: {@code docker} where a Docker engine answers, {@code local} otherwise.</li>
 * </ul>
 */
public final class SourceServers
{
    private SourceServers()
    {
    }

    public static SourceServer start(final Flavor flavor)
    {
        return start(flavor, SourceOptions.defaults());
    }

    public static SourceServer start(final Flavor flavor, final SourceOptions options)
    {
        final LocalInstallation installation = LocalInstallation.fromEnvironment();
        return switch (mode())
        {
            case "local" -> flavor == Flavor.MYSQL
                ? LocalMysqlServer.start(installation, options)
                : LocalMariadbServer.start(installation, options);
            case "docker" -> ContainerSourceServer.start(flavor, image(flavor), options, installation.tls());
            case "external" -> ExternalSourceServer.connect(flavor, externalAddress(flavor), installation.tls());
            default -> throw new SourceServerException(
                "SEMISYNC_SOURCES must be local, docker or external, not '" + System.getenv("SEMISYNC_SOURCES") + "'");
        };
    }

    /** How sources are started here: {@code local}, {@code docker} or {@code external}. */
    public static String mode()
    {
        final String configured = System.getenv("SEMISYNC_SOURCES");
        if (configured != null && !configured.isBlank())
        {
            return configured.trim().toLowerCase(Locale.ROOT);
        }
        final boolean dockerConfigured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        return dockerConfigured && ContainerSourceServer.dockerAvailable() ? "docker" : "local";
    }

    private static String image(final Flavor flavor)
    {
        final String name = flavor == Flavor.MYSQL ? "SEMISYNC_MYSQL_IMAGE" : "SEMISYNC_MARIADB_IMAGE";
        final String configured = System.getenv(name);
        return configured != null && !configured.isBlank() ? configured : flavor == Flavor.MYSQL ? "mysql:9.7" : "mariadb:11";
    }

    private static String externalAddress(final Flavor flavor)
    {
        final String name = flavor == Flavor.MYSQL ? "SEMISYNC_MYSQL" : "SEMISYNC_MARIADB";
        final String address = System.getenv(name);
        if (address == null || address.isBlank())
        {
            throw new SourceServerException("SEMISYNC_SOURCES=external needs " + name + "=host:port of your " + flavor + " source");
        }
        return address;
    }
}

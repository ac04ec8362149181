package io.semisync.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Starts a real source of a flavor. {@code SEMISYNC_SOURCES} picks how:
 * <ul>
 *   <li>{@code local}: from the installs of {@code scripts/provision-sources.sh} (MySQL 9.7 chroot, MariaDB 10.11,
 *       MariaDB 11.8 chroot);</li>
 *   <li>{@code docker}: Testcontainers with {@code SEMISYNC_MYSQL_IMAGE} (default {@code mysql:9.7}) or
 *       {@code SEMISYNC_MARIADB_IMAGE} (default {@code mariadb:11}); MariaDB 11.8 is {@code mariadb:11.8};</li>
 *   <li>{@code external}: the user's servers at {@code SEMISYNC_MYSQL} / {@code SEMISYNC_MARIADB} /
 *       {@code SEMISYNC_MARIADB_11_8} ({@code host:port});</li>
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
        if (flavor == Flavor.MYSQL && options.mariadbRelease() != MariadbRelease.V10_11)
        {
            throw new SourceServerException("a MySQL source runs MySQL 9.7; " + options.mariadbRelease() + " is a MariaDB release: "
                + "start a Flavor.MARIADB source for it");
        }
        final LocalInstallation installation = LocalInstallation.fromEnvironment();
        return switch (mode())
        {
            case "local" -> flavor == Flavor.MYSQL
                ? LocalMysqlServer.start(installation, options)
                : LocalMariadbServer.start(installation, options);
            case "docker" -> ContainerSourceServer.start(flavor, image(flavor, options.mariadbRelease()), options, installation.tls());
            case "external" -> ExternalSourceServer.connect(flavor, externalAddress(flavor, options.mariadbRelease()), installation.tls());
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

    private static String image(final Flavor flavor, final MariadbRelease release)
    {
        if (release == MariadbRelease.V11_8)
        {
            return "mariadb:11.8";
        }
        final String name = flavor == Flavor.MYSQL ? "SEMISYNC_MYSQL_IMAGE" : "SEMISYNC_MARIADB_IMAGE";
        final String configured = System.getenv(name);
        return configured != null && !configured.isBlank() ? configured : flavor == Flavor.MYSQL ? "mysql:9.7" : "mariadb:11";
    }

    private static String externalAddress(final Flavor flavor, final MariadbRelease release)
    {
        final String name = flavor == Flavor.MYSQL ? "SEMISYNC_MYSQL"
            : release == MariadbRelease.V11_8 ? "SEMISYNC_MARIADB_11_8" : "SEMISYNC_MARIADB";
        final String address = System.getenv(name);
        if (address == null || address.isBlank())
        {
            throw new SourceServerException("SEMISYNC_SOURCES=external needs " + name + "=host:port of your "
                + (flavor == Flavor.MYSQL ? flavor : release) + " source");
        }
        return address;
    }
}

package io.semisync.it;

import io.semisync.sources.Flavor;
import io.semisync.sources.MariadbRelease;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

/**
 * The server releases the replica's core tests run against ({@code @EnumSource(SourceRelease.class)}): each flavor's
 * default, and MariaDB 11.8 beside MariaDB 10.11. Tests that only need a flavor stay on {@link Flavor}.
 */
public enum SourceRelease
{
    MYSQL_9_7(Flavor.MYSQL, MariadbRelease.V10_11, "9.7."),
    MARIADB_10_11(Flavor.MARIADB, MariadbRelease.V10_11, "10.11."),
    MARIADB_11_8(Flavor.MARIADB, MariadbRelease.V11_8, "11.8.");

    private final Flavor flavor;
    private final MariadbRelease mariadbRelease;
    private final String versionPrefix;

    SourceRelease(final Flavor flavor, final MariadbRelease mariadbRelease, final String versionPrefix)
    {
        this.flavor = flavor;
        this.mariadbRelease = mariadbRelease;
        this.versionPrefix = versionPrefix;
    }

    public Flavor flavor()
    {
        return flavor;
    }

    /** What a local install's {@code SELECT VERSION()} begins with. */
    public String versionPrefix()
    {
        return versionPrefix;
    }

    /** The default options of a source of this release. */
    public SourceOptions options()
    {
        return SourceOptions.defaults().withMariadbRelease(mariadbRelease);
    }

    /** A new source of this release, the caller's to close. */
    public SourceServer start()
    {
        return SourceServers.start(flavor, options());
    }

    /** The run-wide shared source of this release. */
    public SourceServer shared()
    {
        return SourceServerExtension.shared(flavor, mariadbRelease);
    }

    /** The flavor's name, with the version for a second release of it: {@code mysql}, {@code mariadb}, {@code mariadb-11.8}. */
    @Override
    public String toString()
    {
        return this == MARIADB_11_8 ? flavor + "-" + mariadbRelease.version() : flavor.toString();
    }
}

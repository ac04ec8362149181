package io.semisync.sources;

/**
 * Which MariaDB release a MariaDB source runs (the protocol is the same, the flavor stays {@link Flavor#MARIADB}):
 * 10.11 from the host's Debian packages, the default, or 11.8 from the Debian trixie chroot that
 * {@code scripts/provision-sources.sh} builds.
 */
public enum MariadbRelease
{
    V10_11("10.11"),
    V11_8("11.8");

    private final String version;

    MariadbRelease(final String version)
    {
        this.version = version;
    }

    /** The release's major.minor version, as the server's version string begins. */
    public String version()
    {
        return version;
    }

    @Override
    public String toString()
    {
        return "MariaDB " + version;
    }
}

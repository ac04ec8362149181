package io.semisync.sources;

/** The kind of source server: it decides the replication dialect, user setup and variable names. */
public enum Flavor
{
    MYSQL("mysql", "rpl_semi_sync_source"),
    MARIADB("mariadb", "rpl_semi_sync_master");

    private final String displayName;
    private final String semisyncPrefix;

    Flavor(final String displayName, final String semisyncPrefix)
    {
        this.displayName = displayName;
        this.semisyncPrefix = semisyncPrefix;
    }

    /** Prefix of the source-side semisync variables, e.g. {@code rpl_semi_sync_source} on MySQL. */
    public String semisyncPrefix()
    {
        return semisyncPrefix;
    }

    /** Status variable names are the variable names with a capital first letter. */
    public String semisyncStatusPrefix()
    {
        return "R" + semisyncPrefix.substring(1);
    }

    @Override
    public String toString()
    {
        return displayName;
    }
}

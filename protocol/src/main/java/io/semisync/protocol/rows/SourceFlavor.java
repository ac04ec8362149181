package io.semisync.protocol.rows;

/**
 * Which server wrote the events. The two count GEOMETRY columns differently when they list column charsets
 * in a TABLE_MAP (MariaDB gives them one, MySQL does not); tell them apart by the FORMAT_DESCRIPTION's
 * server version ({@link #of(String)}).
 */
public enum SourceFlavor
{
    MYSQL,
    MARIADB;

    /** MARIADB when the server version says so (e.g. {@code 10.11.9-MariaDB-log}), else MYSQL. */
    public static SourceFlavor of(final String serverVersion)
    {
        return serverVersion.contains("MariaDB") ? MARIADB : MYSQL;
    }
}

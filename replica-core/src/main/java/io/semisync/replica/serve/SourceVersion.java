package io.semisync.replica.serve;

import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The source's version as its FORMAT_DESCRIPTION names it, which this node keeps across restarts: what the replication
 * endpoint greets with, and whether the source is MariaDB.
 */
record SourceVersion(String version)
{
    private static final String MARIADB_GREETING_PREFIX = "5.5.5-";

    static SourceVersion of(final byte[] formatDescription)
    {
        return new SourceVersion(new FormatDescriptionEventFlyweight().wrap(new UnsafeBuffer(formatDescription), 0, formatDescription.length)
            .serverVersion());
    }

    boolean isMariadb()
    {
        return version.contains("MariaDB");
    }

    /** As a replica expects to be greeted: MariaDB's with the "5.5.5-" prefix MariaDB greets with. */
    String greeting()
    {
        return isMariadb() && !version.startsWith(MARIADB_GREETING_PREFIX) ? MARIADB_GREETING_PREFIX + version : version;
    }
}

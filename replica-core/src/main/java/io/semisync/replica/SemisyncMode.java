package io.semisync.replica;

/** Whether the current connection is semisynchronous, and if not, why. */
public enum SemisyncMode
{
    /** Registered as a semisync replica: the source waits for our ACKs. */
    ACTIVE("semisync: the source waits for our ACKs"),
    /** The source's semisync plugin is installed but disabled. */
    SOURCE_DISABLED("asynchronous: semisync is disabled on the source (enable it there, then restart replication)"),
    /** The source has no semisync plugin. */
    SOURCE_NOT_INSTALLED("asynchronous: the source has no semisync source plugin"),
    /** Semisync is switched off on this replica (--semisync false, or rpl_semi_sync_replica_enabled = 0 before this connection). */
    DISABLED_BY_CONFIG("asynchronous: semisync is disabled on this replica"),
    /** Not connected. */
    UNKNOWN("not connected");

    private final String description;

    SemisyncMode(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}

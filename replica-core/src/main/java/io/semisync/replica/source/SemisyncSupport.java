package io.semisync.replica.source;

/** What the source offers for semisync replication. */
public enum SemisyncSupport
{
    /** The semisync source plugin is installed and enabled: register as a semisync replica. */
    ENABLED,
    /** Installed but switched off ({@code rpl_semi_sync_*_enabled=OFF}). */
    DISABLED,
    /** The source has no semisync source plugin. */
    NOT_INSTALLED
}

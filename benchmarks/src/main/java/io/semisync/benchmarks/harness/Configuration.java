package io.semisync.benchmarks.harness;

/**
 * What is connected to the source while a point is measured. The native rows are the flavor's own replica
 * (a second server): "I/O only" runs just the receiver thread, an archive like ours; "with applier" runs the
 * SQL thread too, so the replica also executes what it receives.
 */
enum Configuration
{
    OURS("1", "ours, fsync before ACK", Replica.OURS, null, false),
    NATIVE_DURABLE("2", "native, sync_relay_log=1, I/O only", Replica.NATIVE, "1", false),
    NATIVE_DEFAULT("3", "native, default sync_relay_log, I/O only", Replica.NATIVE, "DEFAULT", false),
    NATIVE_DURABLE_APPLIER("2a", "native, sync_relay_log=1, with applier", Replica.NATIVE, "1", true),
    NATIVE_DEFAULT_APPLIER("3a", "native, default sync_relay_log, with applier", Replica.NATIVE, "DEFAULT", true),
    ASYNC("4", "no replica (async)", Replica.NONE, null, false);

    /** Which replica a configuration connects. */
    enum Replica
    {
        OURS, NATIVE, NONE
    }

    private final String code;
    private final String description;
    private final Replica replica;
    private final String syncRelayLog;
    private final boolean applier;

    Configuration(final String code, final String description, final Replica replica, final String syncRelayLog, final boolean applier)
    {
        this.code = code;
        this.description = description;
        this.replica = replica;
        this.syncRelayLog = syncRelayLog;
        this.applier = applier;
    }

    Replica replica()
    {
        return replica;
    }

    /** The native replica's {@code sync_relay_log} as SQL: {@code 1} or {@code DEFAULT}. */
    String syncRelayLog()
    {
        return syncRelayLog;
    }

    /** Whether the native replica's applier (SQL thread) runs besides its I/O thread. */
    boolean applier()
    {
        return applier;
    }

    /** Semisync replicas the source must report while this configuration is measured. */
    long semisyncClients()
    {
        return replica == Replica.NONE ? 0 : 1;
    }

    /** E.g. {@code (2a) native, sync_relay_log=1, with applier}. */
    String label()
    {
        return "(" + code + ") " + description;
    }
}

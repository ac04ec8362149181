package io.semisync.replica;

/** What the replica is doing. */
public enum ReplicaState
{
    STARTING,
    CONNECTING,
    STREAMING,
    WAITING_TO_RECONNECT,
    /** Stopped by a problem that retrying cannot fix (bad configuration, the source refuses our server_id). */
    FAILED,
    STOPPED
}

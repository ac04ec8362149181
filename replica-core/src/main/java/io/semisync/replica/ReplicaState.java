package io.semisync.replica;

/** What the replica is doing. */
public enum ReplicaState
{
    STARTING,
    CONNECTING,
    STREAMING,
    WAITING_TO_RECONNECT,
    /** Replication stopped by the operator (STOP REPLICA); the relay log stays open; START REPLICA resumes. */
    IO_STOPPED,
    /** Stopped by a problem that retrying cannot fix (bad configuration, the source refuses our server_id). */
    FAILED,
    STOPPED
}

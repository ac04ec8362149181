package io.semisync.storage.relaylog;

/**
 * How the relay log makes appended records durable.
 */
public enum DurabilityMode
{
    /** fdatasync of the current cycle file, fsync of the directory when a new file appears. The default. */
    FSYNC,

    /** No syncing at all: for benchmarks only; an ACK then promises nothing. */
    NONE
}

package io.semisync.storage.relaylog;

/**
 * How the relay log makes appended records durable.
 */
public enum DurabilityMode
{
    /** fdatasync of the current cycle file, fsync of the directory when a new file appears. The default. */
    FSYNC,

    /** msync of the appender's mapped chunk through Chronicle; measured in the benchmarks, not the default. */
    MSYNC,

    /** No syncing at all: for benchmarks only; an ACK then promises nothing. */
    NONE
}

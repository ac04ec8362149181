package io.semisync.replica.config;

/** Where a replica with an empty relay log starts reading the source's binlog. */
public enum StartPosition
{
    /** After everything the source has already written (its current GTID set or file and position). */
    CURRENT,
    /** From the oldest binlog the source still has. */
    OLDEST
}

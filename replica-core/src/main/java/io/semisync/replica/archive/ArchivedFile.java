package io.semisync.replica.archive;

import java.time.Instant;

/**
 * One source binlog file as the relay log holds it, up to its last commit point.
 *
 * @param name             the source's file name, e.g. {@code binlog.000042}
 * @param firstIndex       relay-log index of its first stored event
 * @param lastIndex        relay-log index of its last stored event
 * @param firstRelayLogFile the relay-log file holding its first event
 * @param lastRelayLogFile  the relay-log file holding its last event
 * @param transactions     complete transactions it holds
 * @param firstTransaction when its first transaction's first event is stamped; null if it holds none
 * @param lastTransaction  when its last transaction's first event is stamped; null if it holds none
 */
public record ArchivedFile(String name, long firstIndex, long lastIndex, String firstRelayLogFile, String lastRelayLogFile,
    long transactions, Instant firstTransaction, Instant lastTransaction)
{
}

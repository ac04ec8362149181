package io.semisync.replica;

/**
 * What the relay log holds, as {@link RelayLogProgress} last read it: one immutable snapshot, every field from the
 * same pass over the log.
 *
 * @param retrievedGtids           the GTIDs of the transactions stored: a MySQL GTID set or a MariaDB GTID position;
 *                                 empty before the first stream or when the source has no GTIDs
 * @param lastEventTimestamp       the source's time (epoch seconds) of the last event of a transaction stored since the replica
 *                                 started; 0 if none
 * @param lastReceiveTimeNanos     when that event arrived (epoch nanoseconds); 0 if none
 * @param eventBytes               bytes of the events stored since the replica started
 * @param acknowledgedTransactions transactions stored since the replica started up to the last one whose ACK the source
 *                                 asked for (an ACK covers every transaction before it)
 */
public record StoredProgress(
    String retrievedGtids, long lastEventTimestamp, long lastReceiveTimeNanos, long eventBytes, long acknowledgedTransactions)
{
    /** Nothing read yet. */
    public static final StoredProgress NONE = new StoredProgress("", 0, 0, 0, 0);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * How late the last stored event arrived, in whole seconds: its receive time minus the time the source wrote it
     * (by the source's clock). About 0 while the replica keeps up, also when the source is idle; -1 before any event.
     */
    public long secondsBehindSource()
    {
        return lastReceiveTimeNanos == 0 ? -1 : Math.max(0, lastReceiveTimeNanos / NANOS_PER_SECOND - lastEventTimestamp);
    }
}

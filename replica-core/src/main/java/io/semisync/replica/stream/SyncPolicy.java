package io.semisync.replica.stream;

/**
 * When the stream makes what it appended durable. A sync that an ACK waits for runs on the stream's thread as soon
 * as the read that brought the flagged event is done, except while a MariaDB commit group may still be arriving:
 * its transactions come one flush each and its leader waits for each one's ACK in turn, so the sync waits up to
 * {@code groupWaitNanos} after the group's latest read (and never longer than {@link #MAX_GROUP_WAITS} such waits in
 * all) to cover the whole group with one sync and one ACK. What no ACK waits for (a catch-up, an asynchronous stream)
 * is synced on the relay log's background thread, every {@code bulkSyncBytes} and {@code idleSyncNanos} after the
 * last read that left something unsynced.
 *
 * @param groupWaitNanos how long a sync for an ACK waits for more of a MariaDB commit group; 0 never waits.
 * @param bulkSyncBytes  unsynced bytes after which a background sync starts although no ACK waits.
 * @param idleSyncNanos  how soon after a read a background sync covers what it left unsynced.
 */
public record SyncPolicy(long groupWaitNanos, long bulkSyncBytes, long idleSyncNanos)
{
    /** The longest a sync for an ACK waits for a commit group, in multiples of {@code groupWaitNanos}. */
    public static final int MAX_GROUP_WAITS = 8;

    public SyncPolicy
    {
        if (groupWaitNanos < 0 || bulkSyncBytes < 1 || idleSyncNanos < 1)
        {
            throw new IllegalArgumentException("group wait " + groupWaitNanos + " ns must be >= 0, bulk sync " + bulkSyncBytes
                + " bytes and idle sync " + idleSyncNanos + " ns positive");
        }
    }
}

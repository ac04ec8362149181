package io.semisync.replica.stream;

/** When one ACK's sync started and ended and when the ACK was written, on the stream's ticker. */
final class AckTimes
{
    private long syncStartNanos;
    private long syncEndNanos;
    private long sendStartNanos;
    private long sentNanos;

    AckTimes synced(final long syncStartNanos, final long syncEndNanos)
    {
        this.syncStartNanos = syncStartNanos;
        this.syncEndNanos = syncEndNanos;
        return this;
    }

    AckTimes sent(final long sendStartNanos, final long sentNanos)
    {
        this.sendStartNanos = sendStartNanos;
        this.sentNanos = sentNanos;
        return this;
    }

    long syncStartNanos()
    {
        return syncStartNanos;
    }

    long syncEndNanos()
    {
        return syncEndNanos;
    }

    long sendStartNanos()
    {
        return sendStartNanos;
    }

    long sentNanos()
    {
        return sentNanos;
    }
}

package io.semisync.replica.stream;

import org.agrona.DirectBuffer;

/** What the stream tells the rest of the replica; called on the stream's event loop, so keep it short. */
public interface StreamListener
{
    /**
     * Whether the stream is still the replica's current one; a stream that is not stores nothing more and closes.
     * Asked before each packet is handled.
     */
    boolean isCurrent();

    /** An event was appended to the relay log (not yet durable). */
    void onEventStored(int type, boolean completesTransaction);

    /** The source sent the FORMAT_DESCRIPTION event of the file it streams ({@code length} bytes at {@code offset}, checksum included). */
    default void onFormatDescription(final DirectBuffer event, final int offset, final int length)
    {
    }

    /**
     * With chained ACKs, the sync for an ACK returned and the ACK now waits for downstream replicas: what it covers may be
     * served to them.
     */
    default void onSyncedForChain()
    {
    }

    /**
     * A sync of the relay log's cycle files that ran on its background thread has returned: what it covers may be served.
     * Runs on the stream's thread.
     */
    default void onSyncedInBackground()
    {
    }

    /** An ACK for {@code file:position} was written after the sync that covers it. */
    void onAck(String file, long position);

    /** The stream ended; {@code cause} is null when the connection simply closed. */
    void onStreamClosed(Throwable cause);
}

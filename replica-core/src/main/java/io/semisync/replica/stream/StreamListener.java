package io.semisync.replica.stream;

/** What the stream tells the rest of the replica; called on the stream's event loop, so keep it short. */
public interface StreamListener
{
    /** An event was appended to the relay log (not yet durable). */
    void onEventStored(int type, boolean completesTransaction);

    /** An ACK for {@code file:position} was written after the sync that covers it. */
    void onAck(String file, long position);

    /** The stream ended; {@code cause} is null when the connection simply closed. */
    void onStreamClosed(Throwable cause);
}

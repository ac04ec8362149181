package io.semisync.protocol.framing;

import io.semisync.protocol.ProtocolException;

/** A packet arrived with a sequence id other than the expected one: the stream lost or reordered packets. */
public final class PacketSequenceException extends ProtocolException
{
    private final int expected;
    private final int received;

    public PacketSequenceException(final int expected, final int received)
    {
        super("packet out of order: expected sequence id " + expected + " but received " + received);
        this.expected = expected;
        this.received = received;
    }

    public int expected()
    {
        return expected;
    }

    public int received()
    {
        return received;
    }
}

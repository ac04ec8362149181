package io.semisync.protocol.framing;

import io.semisync.protocol.ProtocolException;

/** The peer announced a payload longer than the configured maximum; nothing was allocated for it. */
public final class PacketTooLargeException extends ProtocolException
{
    private final long announcedLength;
    private final long maxPayloadLength;

    public PacketTooLargeException(final long announcedLength, final long maxPayloadLength)
    {
        super("packet payload of at least " + announcedLength + " bytes announced, larger than the maximum of " +
            maxPayloadLength + " bytes (raise maxPacketSize to accept it)");
        this.announcedLength = announcedLength;
        this.maxPayloadLength = maxPayloadLength;
    }

    /** Payload bytes announced so far, continuation packets included. */
    public long announcedLength()
    {
        return announcedLength;
    }

    /** The configured limit. */
    public long maxPayloadLength()
    {
        return maxPayloadLength;
    }
}

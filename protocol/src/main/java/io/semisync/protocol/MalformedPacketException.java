package io.semisync.protocol;

/** A packet from the server does not have the layout its type requires. */
public final class MalformedPacketException extends ProtocolException
{
    public MalformedPacketException(final String message)
    {
        super(message);
    }
}

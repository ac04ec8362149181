package io.semisync.replica.stream;

/** An event's CRC32 does not match its bytes: the event was corrupted between the source's disk and us. */
public final class BinlogChecksumException extends BinlogStreamException
{
    public BinlogChecksumException(final String message)
    {
        super(message);
    }
}

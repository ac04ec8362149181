package io.semisync.replica.stream;

/** The binlog stream carried something the replica must not store; the message says what and where. */
public class BinlogStreamException extends RuntimeException
{
    public BinlogStreamException(final String message)
    {
        super(message);
    }
}

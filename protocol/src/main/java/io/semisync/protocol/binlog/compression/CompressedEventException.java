package io.semisync.protocol.binlog.compression;

import io.semisync.protocol.ProtocolException;

/**
 * A compressed event (MySQL's TRANSACTION_PAYLOAD, MariaDB's compressed query and row events) cannot be turned into
 * its plain events: a header that does not fit the event, an unknown compression type, or a stream that does not
 * decompress to the size it announced. The caller names where the event is stored.
 */
public class CompressedEventException extends ProtocolException
{
    public CompressedEventException(final String message)
    {
        super(message);
    }

    public CompressedEventException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

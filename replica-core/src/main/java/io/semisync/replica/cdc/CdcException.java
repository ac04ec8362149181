package io.semisync.replica.cdc;

/**
 * The change feed cannot go on: bad input (a missing relay log, an event that does not decode, a row event for a
 * table no TABLE_MAP announced, a position the relay log does not hold) or an output that cannot be written. The
 * message names what and, for an event, where it is stored.
 */
public final class CdcException extends RuntimeException
{
    public CdcException(final String message)
    {
        super(message);
    }

    public CdcException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package io.semisync.protocol.rows;

import io.semisync.protocol.ProtocolException;

/**
 * A TABLE_MAP or rows event does not have the layout its type and table map require (a length past the end
 * of the event, an unknown column type, a value that cannot be). Callers add the event's position.
 */
public final class RowDecodeException extends ProtocolException
{
    public RowDecodeException(final String message)
    {
        super(message);
    }
}

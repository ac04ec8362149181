package io.semisync.protocol.response;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * The first packet of a result set: the number of columns as a length-encoded integer (no metadata flag: this
 * server does not offer CLIENT_OPTIONAL_RESULTSET_METADATA).
 *
 * @param count  the number of column definitions that follow, at least 1
 */
public record ColumnCount(int count) implements ServerMessage
{
    @Override
    public int payloadLength()
    {
        return LengthEncoding.integerLength(count);
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        LengthEncoding.writeInteger(out, count);
    }
}

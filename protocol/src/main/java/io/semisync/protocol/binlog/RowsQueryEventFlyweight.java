package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * View of the statement a MySQL ROWS_QUERY event (29, {@code binlog_rows_query_log_events=ON}) or a MariaDB
 * ANNOTATE_ROWS event (160, {@code binlog_annotate_row_events}) carries before the rows events it caused. MySQL's body is
 * a length byte (the statement's length cut at 255, which this view does not need) and then the statement to the end of
 * the event; MariaDB's body is the statement alone.
 */
public final class RowsQueryEventFlyweight
{
    private DirectBuffer buffer;
    private int statementOffset;
    private int statementLength;

    /**
     * @param checksumLength 4 when the event ends with a CRC32, else 0
     * @throws MalformedPacketException when the event is shorter than its header and fixed part
     */
    public RowsQueryEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength, final int checksumLength)
    {
        final int type = buffer.getByte(eventOffset + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
        final int skipped = type == BinlogEventType.ROWS_QUERY ? 1 : 0;
        final int length = eventLength - EventHeaderFlyweight.LENGTH - skipped - checksumLength;
        if (length < 0)
        {
            throw new MalformedPacketException(BinlogEventType.name(type) + " event of " + eventLength + " bytes is too short");
        }
        this.buffer = buffer;
        this.statementOffset = eventOffset + EventHeaderFlyweight.LENGTH + skipped;
        this.statementLength = length;
        return this;
    }

    /** The statement, decoded as UTF-8 (a new string). */
    public String statement()
    {
        final byte[] bytes = new byte[statementLength];
        buffer.getBytes(statementOffset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View of a QUERY event body: thread id u32, execution time u32, schema length u8, error code u16, status
 * variables length u16, the status variables, the schema name and a NUL, then the statement up to the
 * checksum. The replica only asks whether the statement opens or closes a transaction.
 */
public final class QueryEventFlyweight
{
    public static final int SCHEMA_LENGTH_OFFSET = 8;
    public static final int STATUS_VARS_LENGTH_OFFSET = 11;
    public static final int POST_HEADER_LENGTH = 13;

    private DirectBuffer buffer;
    private int schemaOffset;
    private int schemaLength;
    private int statementOffset;
    private int statementLength;

    public QueryEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength, final int checksumLength)
    {
        final int bodyOffset = eventOffset + EventHeaderFlyweight.LENGTH;
        final int bodyEnd = eventOffset + eventLength - checksumLength;
        if (bodyEnd - bodyOffset < POST_HEADER_LENGTH)
        {
            throw new MalformedPacketException("QUERY event of " + eventLength + " bytes is too short");
        }
        final int schemaLength = buffer.getByte(bodyOffset + SCHEMA_LENGTH_OFFSET) & 0xFF;
        final int statusVarsLength = buffer.getShort(bodyOffset + STATUS_VARS_LENGTH_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        this.buffer = buffer;
        this.schemaOffset = bodyOffset + POST_HEADER_LENGTH + statusVarsLength;
        this.schemaLength = schemaLength;
        this.statementOffset = schemaOffset + schemaLength + 1;
        this.statementLength = bodyEnd - statementOffset;
        if (statementLength < 0)
        {
            throw new MalformedPacketException("QUERY event of " + eventLength + " bytes announces status variables ("
                + statusVarsLength + ") and schema (" + schemaLength + ") beyond its end");
        }
        return this;
    }

    /** BEGIN, or {@code XA START xid}, which opens an XA transaction that XA_PREPARE ends. */
    public boolean isBegin()
    {
        return statementIs("BEGIN") || statementStartsWith("XA START");
    }

    /**
     * COMMIT, or a ROLLBACK of a transaction that touched non-transactional tables; not {@code ROLLBACK TO
     * `savepoint`}, which MySQL logs inside a transaction that goes on (as {@code Query_log_event::ends_group}).
     */
    public boolean isCommitOrRollback()
    {
        return statementIs("COMMIT") || (statementStartsWith("ROLLBACK") && !statementStartsWith("ROLLBACK TO "));
    }

    /** The default schema the statement ran in, empty when none. */
    public String schema()
    {
        return buffer.getStringWithoutLengthUtf8(schemaOffset, schemaLength);
    }

    public String statement()
    {
        return buffer.getStringWithoutLengthUtf8(statementOffset, statementLength);
    }

    private boolean statementIs(final String ascii)
    {
        return statementLength == ascii.length() && statementStartsWith(ascii);
    }

    private boolean statementStartsWith(final String ascii)
    {
        if (statementLength < ascii.length())
        {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++)
        {
            if (Character.toUpperCase((char)buffer.getByte(statementOffset + i)) != ascii.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}

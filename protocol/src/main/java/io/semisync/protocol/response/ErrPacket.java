package io.semisync.protocol.response;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.ServerMessage;

/**
 * Flyweight over an ERR packet payload; {@link #of} builds one to send.
 *
 * <pre>
 * u8        0xFF
 * u16       error code
 * u8        '#' SQL state marker (absent in errors sent before the capabilities are agreed)
 * 5 bytes   SQL state
 * rest      human-readable message
 * </pre>
 */
public final class ErrPacket
{
    public static final int HEADER_OFFSET = 0;
    public static final int ERROR_CODE_OFFSET = 1;
    public static final int SQL_STATE_MARKER_OFFSET = 3;
    public static final int SQL_STATE_OFFSET = 4;
    public static final int SQL_STATE_LENGTH = 5;
    public static final int MESSAGE_OFFSET_WITH_STATE = SQL_STATE_OFFSET + SQL_STATE_LENGTH;
    public static final int MESSAGE_OFFSET_WITHOUT_STATE = SQL_STATE_MARKER_OFFSET;
    /** The SQL state reported when the server sent none. */
    public static final String GENERAL_SQL_STATE = "HY000";

    private static final byte SQL_STATE_MARKER = '#';

    private ByteBuf buffer;
    private int offset;
    private int length;

    /** Points this view at the {@code length}-byte ERR payload at {@code offset}. */
    public ErrPacket wrap(final ByteBuf buffer, final int offset, final int length)
    {
        if (length < MESSAGE_OFFSET_WITHOUT_STATE || buffer.getUnsignedByte(offset + HEADER_OFFSET) != ResponseHeader.ERR)
        {
            throw new MalformedPacketException("not an ERR packet: " + length + " bytes");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public int errorCode()
    {
        return buffer.getUnsignedShortLE(offset + ERROR_CODE_OFFSET);
    }

    /** Whether the packet carries a SQL state. */
    public boolean hasSqlState()
    {
        return length >= MESSAGE_OFFSET_WITH_STATE && buffer.getByte(offset + SQL_STATE_MARKER_OFFSET) == SQL_STATE_MARKER;
    }

    public String sqlState()
    {
        return hasSqlState()
            ? buffer.toString(offset + SQL_STATE_OFFSET, SQL_STATE_LENGTH, StandardCharsets.US_ASCII)
            : GENERAL_SQL_STATE;
    }

    public String message()
    {
        final int messageOffset = hasSqlState() ? MESSAGE_OFFSET_WITH_STATE : MESSAGE_OFFSET_WITHOUT_STATE;
        return buffer.toString(offset + messageOffset, length - messageOffset, StandardCharsets.UTF_8);
    }

    public ServerErrorException toException()
    {
        return new ServerErrorException(errorCode(), sqlState(), message());
    }

    /** The exception an ERR payload stands for; the payload's reader index does not move. */
    public static ServerErrorException toException(final ByteBuf payload)
    {
        return new ErrPacket().wrap(payload, payload.readerIndex(), payload.readableBytes()).toException();
    }

    /**
     * An ERR packet to send. {@code sqlState} {@code null} leaves out the marker and state, as a server must before
     * it knows the client speaks CLIENT_PROTOCOL_41.
     */
    public static ServerMessage of(final int errorCode, final String sqlState, final String message)
    {
        if (sqlState != null && sqlState.length() != SQL_STATE_LENGTH)
        {
            throw new IllegalArgumentException("SQL state must have " + SQL_STATE_LENGTH + " characters: " + sqlState);
        }
        return new Encoded(errorCode, sqlState, message.getBytes(StandardCharsets.UTF_8));
    }

    private record Encoded(int errorCode, String sqlState, byte[] message) implements ServerMessage
    {
        @Override
        public int payloadLength()
        {
            return (sqlState == null ? MESSAGE_OFFSET_WITHOUT_STATE : MESSAGE_OFFSET_WITH_STATE) + message.length;
        }

        @Override
        public void writePayload(final ByteBuf out)
        {
            out.writeByte(ResponseHeader.ERR);
            out.writeShortLE(errorCode);
            if (sqlState != null)
            {
                out.writeByte(SQL_STATE_MARKER);
                out.writeCharSequence(sqlState, StandardCharsets.US_ASCII);
            }
            out.writeBytes(message);
        }
    }
}

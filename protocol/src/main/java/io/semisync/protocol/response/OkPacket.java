package io.semisync.protocol.response;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * An OK packet (header 0x00, or 0xFE when it ends a result set under CLIENT_DEPRECATE_EOF).
 *
 * <pre>
 * u8      0x00 or 0xFE
 * lenenc  affected rows
 * lenenc  last insert id
 * u16     server status flags
 * u16     warning count
 * rest    human-readable info (this client does not ask for session tracking)
 * </pre>
 *
 * @param affectedRows  rows changed by the statement
 * @param lastInsertId  the AUTO_INCREMENT value generated, or 0
 * @param statusFlags   server status flags
 * @param warnings      number of warnings
 * @param info          the server's info text, often empty
 */
public record OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) implements ServerMessage
{
    private static final int STATUS_AND_WARNINGS_LENGTH = 4;

    /** Reads an OK payload; the reader index moves to its end. */
    public static OkPacket decode(final ByteBuf in)
    {
        if (!in.isReadable())
        {
            throw new MalformedPacketException("empty packet where an OK packet was expected");
        }
        final int header = in.readUnsignedByte();
        if (header != ResponseHeader.OK && header != ResponseHeader.EOF)
        {
            throw new MalformedPacketException("not an OK packet: header 0x" + Integer.toHexString(header));
        }
        final long affectedRows = LengthEncoding.readInteger(in);
        final long lastInsertId = LengthEncoding.readInteger(in);
        if (in.readableBytes() < STATUS_AND_WARNINGS_LENGTH)
        {
            throw new MalformedPacketException("OK packet truncated before status and warnings");
        }
        final int statusFlags = in.readUnsignedShortLE();
        final int warnings = in.readUnsignedShortLE();
        final String info = in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
        return new OkPacket(affectedRows, lastInsertId, statusFlags, warnings, info);
    }

    /** This OK with header 0xFE: how a result set (or an EOF-style answer) ends under CLIENT_DEPRECATE_EOF. */
    public ServerMessage asResultSetEnd()
    {
        return new WithHeader(this, ResponseHeader.EOF);
    }

    @Override
    public int payloadLength()
    {
        return 1 + LengthEncoding.integerLength(affectedRows) + LengthEncoding.integerLength(lastInsertId) + STATUS_AND_WARNINGS_LENGTH +
            info.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        write(out, ResponseHeader.OK);
    }

    private void write(final ByteBuf out, final int header)
    {
        out.writeByte(header);
        LengthEncoding.writeInteger(out, affectedRows);
        LengthEncoding.writeInteger(out, lastInsertId);
        out.writeShortLE(statusFlags);
        out.writeShortLE(warnings);
        out.writeCharSequence(info, StandardCharsets.UTF_8);
    }

    private record WithHeader(OkPacket ok, int header) implements ServerMessage
    {
        @Override
        public int payloadLength()
        {
            return ok.payloadLength();
        }

        @Override
        public void writePayload(final ByteBuf out)
        {
            ok.write(out, header);
        }
    }
}

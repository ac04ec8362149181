package io.semisync.protocol.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.command.ComQuery;
import io.semisync.protocol.response.ColumnDefinition;
import io.semisync.protocol.response.EofPacket;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.ResponseHeader;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.response.Row;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * COM_QUERY and its text response: OK, ERR, or a column count, the column definitions, (an EOF unless
 * CLIENT_DEPRECATE_EOF), the rows, and a final EOF (or OK with header 0xFE); an ERR may replace any row.
 */
final class TextQueryExchange extends Exchange
{
    private enum State
    {
        FIRST_PACKET,
        COLUMNS,
        COLUMNS_EOF,
        ROWS
    }

    private final ComQuery command;
    private final boolean deprecateEof;
    private final CompletableFuture<TextResponse> result;
    private final EofPacket eof = new EofPacket();
    private final List<ColumnDefinition> columns = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    private State state = State.FIRST_PACKET;
    private int columnCount;

    TextQueryExchange(final ComQuery command, final boolean deprecateEof, final CompletableFuture<TextResponse> result)
    {
        this.command = command;
        this.deprecateEof = deprecateEof;
        this.result = result;
    }

    @Override
    ClientMessage command()
    {
        return command;
    }

    @Override
    boolean onPacket(final ByteBuf payload)
    {
        final int header = ResponseHeader.of(payload);
        if (header == ResponseHeader.ERR)
        {
            result.completeExceptionally(ErrPacket.toException(payload));
            return true;
        }
        switch (state)
        {
            case FIRST_PACKET:
                return onFirstPacket(payload, header);
            case COLUMNS:
                columns.add(ColumnDefinition.decode(payload));
                if (columns.size() == columnCount)
                {
                    state = deprecateEof ? State.ROWS : State.COLUMNS_EOF;
                }
                return false;
            case COLUMNS_EOF:
                eof.wrap(payload, payload.readerIndex(), payload.readableBytes());
                state = State.ROWS;
                return false;
            default:
                return onRowOrEnd(payload);
        }
    }

    private boolean onFirstPacket(final ByteBuf payload, final int header)
    {
        if (header == ResponseHeader.OK)
        {
            result.complete(new TextResponse(OkPacket.decode(payload), null));
            return true;
        }
        if (header == ResponseHeader.LOCAL_INFILE)
        {
            throw new MalformedPacketException("server asked for LOCAL INFILE, which this client never enables");
        }
        final long count = LengthEncoding.readInteger(payload);
        if (count < 1 || count > Integer.MAX_VALUE || payload.isReadable())
        {
            throw new MalformedPacketException("bad column count " + count + " in answer to COM_QUERY");
        }
        columnCount = (int)count;
        state = State.COLUMNS;
        return false;
    }

    private boolean onRowOrEnd(final ByteBuf payload)
    {
        if (!ResponseHeader.isResultSetEnd(payload, deprecateEof))
        {
            rows.add(Row.decode(payload, columnCount));
            return false;
        }
        final int warnings;
        final int status;
        if (deprecateEof)
        {
            final OkPacket ok = OkPacket.decode(payload);
            warnings = ok.warnings();
            status = ok.statusFlags();
        }
        else
        {
            eof.wrap(payload, payload.readerIndex(), payload.readableBytes());
            warnings = eof.warnings();
            status = eof.statusFlags();
        }
        result.complete(new TextResponse(null, new ResultSet(columns, rows, warnings, status)));
        return true;
    }

    @Override
    void fail(final Throwable cause)
    {
        result.completeExceptionally(cause);
    }
}

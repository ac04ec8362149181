package io.semisync.protocol.command;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/** COM_QUERY: the statement text, UTF-8, to the end of the packet. Answered by OK, ERR or a text result set. */
public final class ComQuery extends Command
{
    private final String sql;
    private final byte[] statement;

    public ComQuery(final String sql)
    {
        super(CommandCode.COM_QUERY);
        this.sql = sql;
        this.statement = sql.getBytes(StandardCharsets.UTF_8);
    }

    public String sql()
    {
        return sql;
    }

    @Override
    protected int bodyLength()
    {
        return statement.length;
    }

    @Override
    protected void writeBody(final ByteBuf out)
    {
        out.writeBytes(statement);
    }
}

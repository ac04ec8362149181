package io.semisync.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_PING: no body, answered by OK. Stateless, so one instance serves every connection. */
public final class ComPing extends Command
{
    public static final ComPing INSTANCE = new ComPing();

    private ComPing()
    {
        super(CommandCode.COM_PING);
    }

    @Override
    protected int bodyLength()
    {
        return 0;
    }

    @Override
    protected void writeBody(final ByteBuf out)
    {
        // the command code is the whole payload
    }
}

package io.semisync.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_QUIT: no body; the server closes the connection without answering. */
public final class ComQuit extends Command
{
    public static final ComQuit INSTANCE = new ComQuit();

    private ComQuit()
    {
        super(CommandCode.COM_QUIT);
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

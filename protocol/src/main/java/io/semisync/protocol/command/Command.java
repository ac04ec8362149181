package io.semisync.protocol.command;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;

/**
 * A command of the command phase: one code byte, then a body. Each command starts a new packet
 * sequence. Subclasses give the exact body length and write the body.
 */
public abstract class Command implements ClientMessage
{
    private static final int CODE_LENGTH = 1;

    private final int code;

    protected Command(final int code)
    {
        this.code = code;
    }

    /** The {@link CommandCode} of this command. */
    public final int code()
    {
        return code;
    }

    @Override
    public final int payloadLength()
    {
        return CODE_LENGTH + bodyLength();
    }

    @Override
    public final void writePayload(final ByteBuf out)
    {
        out.writeByte(code);
        writeBody(out);
    }

    @Override
    public final boolean startsSequence()
    {
        return true;
    }

    /** Bytes after the code byte. */
    protected abstract int bodyLength();

    /** Writes exactly {@link #bodyLength()} bytes. */
    protected abstract void writeBody(ByteBuf out);
}

package io.semisync.protocol.client;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ClientMessage;

/** One command and the reading of its response; the {@link CommandPhaseHandler} runs them one at a time. */
abstract class Exchange
{
    /** The command that opens this exchange. */
    abstract ClientMessage command();

    /**
     * Handles one response payload (not released here).
     *
     * @return whether the response is complete
     * @throws RuntimeException when the response breaks the protocol; the connection is then closed
     */
    abstract boolean onPacket(ByteBuf payload);

    /** Completes the caller's future with {@code cause}. */
    abstract void fail(Throwable cause);

    /** Whether the server answers this command at all. */
    boolean expectsResponse()
    {
        return true;
    }

    /** Called once the command has been written, for exchanges that expect no response. */
    void onWritten()
    {
    }
}

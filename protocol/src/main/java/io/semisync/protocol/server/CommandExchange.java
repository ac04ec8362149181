package io.semisync.protocol.server;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.ServerMessage;

/**
 * One command being answered by a {@link CommandHandler}: the command's bytes, the session, and the way back
 * to the client. Methods may be called from any thread; writes go out in the order they are made.
 */
public interface CommandExchange
{
    /** The session the command came from. */
    ServerSession session();

    /** The command byte. */
    int commandCode();

    /**
     * The payload after the command byte, read-only; valid only until {@link CommandHandler#handle} returns,
     * so copy what you keep.
     */
    ByteBuf body();

    /** Whether the client asked for CLIENT_DEPRECATE_EOF: result sets and EOF-style answers end with an OK packet. */
    boolean deprecateEof();

    /**
     * Writes one packet of the answer, continuing the command's sequence ids, and flushes it.
     *
     * @return completes once the packet is written to the socket; fails if the connection is gone
     */
    CompletionStage<Void> write(ServerMessage message);

    /**
     * Whether the connection's outbound buffer is below its high-water mark; a streaming answer should pause
     * while this is false and resume when {@link #whenWritable()} completes.
     */
    boolean isWritable();

    /** Completes once the connection is writable again (at once if it is now); fails if the connection closes. */
    CompletionStage<Void> whenWritable();

    /**
     * Passes every packet the client sends while this command runs to {@code listener} (on the event loop, as a
     * buffer the listener must not keep beyond the call) instead of holding it back until the answer is complete.
     * From then on, until the command ends, packets the client sends do not move the sequence: a semisync
     * replica numbers each ACK 0 by itself, and the answer's numbering goes on as {@link #restartSequenceAt} sets it.
     */
    void onClientPacket(Consumer<ByteBuf> listener);

    /**
     * The next packet written after those written so far carries {@code id}: a source numbers the packet after an event
     * that asks a semisync replica for an ACK 1, since the replica writes its ACK as 0 and then expects 1.
     */
    void restartSequenceAt(int id);

    /** Closes the connection, dropping what is queued for it: for a client that stopped reading. */
    void close();
}

package io.semisync.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A message the client sends: it knows the exact length of its payload and writes that payload itself.
 * The framing layer adds packet headers and splits payloads of 16 MiB and more.
 */
public interface ClientMessage
{
    /** Exact number of bytes {@link #writePayload(ByteBuf)} writes. */
    int payloadLength();

    /** Writes the payload, without packet header, at the writer index of {@code out}. */
    void writePayload(ByteBuf out);

    /**
     * Whether this message opens a new exchange, so that its first packet carries sequence id 0 (every
     * {@code COM_*} command does); handshake and authentication replies continue the current sequence.
     */
    default boolean startsSequence()
    {
        return false;
    }
}

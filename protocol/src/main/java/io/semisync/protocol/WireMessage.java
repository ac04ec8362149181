package io.semisync.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A packet payload that knows its exact length and writes itself. The framing layer
 * ({@link io.semisync.protocol.framing.PacketEncoder}) adds packet headers and splits payloads of 16 MiB and more.
 */
public interface WireMessage
{
    /** Exact number of bytes {@link #writePayload(ByteBuf)} writes. */
    int payloadLength();

    /** Writes the payload, without packet header, at the writer index of {@code out}. */
    void writePayload(ByteBuf out);

    /**
     * Whether this message opens a new exchange, so that its first packet carries sequence id 0 (every
     * {@code COM_*} command does); every other message continues the current sequence.
     */
    default boolean startsSequence()
    {
        return false;
    }
}

package io.semisync.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Byte fixtures written as commented hex fragments, one field per fragment. */
public final class Fixtures
{
    private Fixtures()
    {
    }

    /** The bytes of the hex fragments, concatenated; spaces are ignored. */
    public static byte[] bytes(final String... hexFragments)
    {
        return HexFormat.of().parseHex(String.join("", hexFragments).replace(" ", ""));
    }

    /** A heap buffer holding the bytes of the hex fragments. */
    public static ByteBuf buffer(final String... hexFragments)
    {
        return Unpooled.wrappedBuffer(bytes(hexFragments));
    }

    /** Hex of a string's ASCII bytes, for readable fixtures. */
    public static String ascii(final String text)
    {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The readable bytes of {@code buffer} as lower-case hex, without consuming them. */
    public static String hexOf(final ByteBuf buffer)
    {
        return ByteBufUtil.hexDump(buffer);
    }

    /** Writes a message's payload into a new buffer. */
    public static ByteBuf payloadOf(final WireMessage message)
    {
        final ByteBuf out = Unpooled.buffer(message.payloadLength());
        message.writePayload(out);
        return out;
    }

    /** Frames a payload with a packet header: 3-byte little-endian length and the sequence id. */
    public static ByteBuf packet(final int sequenceId, final byte[] payload)
    {
        final ByteBuf out = Unpooled.buffer(4 + payload.length);
        out.writeMediumLE(payload.length).writeByte(sequenceId).writeBytes(payload);
        return out;
    }
}

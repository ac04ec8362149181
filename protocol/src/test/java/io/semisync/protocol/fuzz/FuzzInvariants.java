package io.semisync.protocol.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.ProtocolException;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariant every fuzz target of the protocol asserts: bad bytes fail with a typed exception, or decode. */
public final class FuzzInvariants
{
    private FuzzInvariants()
    {
    }

    /** Runs a decode; a {@link ProtocolException} is an accepted outcome, any other exception escapes as a finding. */
    public static void typedOrValid(final Runnable decode)
    {
        try
        {
            decode.run();
        }
        catch (final ProtocolException expected)
        {
            assertThat(expected.getMessage()).as("a typed failure says what was wrong").isNotBlank();
        }
    }

    /** A decoded message writes exactly the length it announces. */
    public static void roundTrip(final int payloadLength, final Consumer<ByteBuf> writer)
    {
        final ByteBuf out = Unpooled.buffer(payloadLength);
        writer.accept(out);
        assertThat(out.readableBytes()).as("bytes written against the announced payload length").isEqualTo(payloadLength);
    }
}

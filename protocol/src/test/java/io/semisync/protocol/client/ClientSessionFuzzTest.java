package io.semisync.protocol.client;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.auth.AuthenticationPlugins;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketEncoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.tls.TlsMode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's side of a session with a server that sends any payloads, each framed with the sequence id the client
 * expects: the greeting, the authentication exchange (AuthSwitchRequest, AuthMoreData, an RSA key), OK and ERR, then
 * the response to a query (column count, column definitions, rows, EOF or OK). The login and the query either succeed
 * or fail with a {@link ProtocolException}; nothing else escapes the pipeline.
 */
class ClientSessionFuzzTest
{
    private static final int MAX_PACKET = 1 << 16;

    @FuzzTest(maxDuration = "5m")
    void loginAndQueryAgainstAnyServerPayloads(final FuzzedDataProvider data)
    {
        final CompletableFuture<MySqlConnection> connected = new CompletableFuture<>();
        final PacketSequence sequence = new PacketSequence();
        final ConnectionConfig config = ConnectionConfig.builder().host("127.0.0.1").port(3306).user("u").password("pw")
            .tlsMode(TlsMode.DISABLED).allowPublicKeyRetrieval(data.consumeBoolean()).deprecateEof(data.consumeBoolean())
            .maxPacketSize(MAX_PACKET).build();
        final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(sequence, MAX_PACKET), new PacketEncoder(sequence),
            new LoginHandler(config, null, null, AuthenticationPlugins.defaults(), sequence, connected));
        try
        {
            CompletableFuture<?> query = null;
            int nextSequence = 0;
            while (data.remainingBytes() > 0 && channel.isOpen())
            {
                if (connected.isDone() && query == null)
                {
                    if (connected.isCompletedExceptionally())
                    {
                        break;
                    }
                    query = connected.join().query("SELECT 1");
                    channel.runPendingTasks();
                    nextSequence = 1;
                }
                nextSequence = drainOutbound(channel, nextSequence);
                final byte[] payload = data.consumeBytes(data.consumeInt(0, 2048));
                final ByteBuf packet = Unpooled.buffer(4 + payload.length);
                packet.writeMediumLE(payload.length).writeByte(nextSequence).writeBytes(payload);
                channel.writeInbound(packet);
                channel.runPendingTasks();
                nextSequence++;
                nextSequence = drainOutbound(channel, nextSequence);
            }
            assertTypedOrValid(connected);
            if (query != null)
            {
                assertTypedOrValid(query);
            }
            channel.checkException();
        }
        finally
        {
            channel.finishAndReleaseAll();
        }
    }

    /** Releases what the client wrote; the server's next packet follows the client's last sequence id. */
    private static int drainOutbound(final EmbeddedChannel channel, final int nextSequence)
    {
        int next = nextSequence;
        for (ByteBuf written = channel.readOutbound(); written != null; written = channel.readOutbound())
        {
            if (written.readableBytes() >= 4)
            {
                next = (written.getUnsignedByte(written.readerIndex() + 3) + 1) & 0xFF;
            }
            written.release();
        }
        return next;
    }

    private static void assertTypedOrValid(final CompletableFuture<?> future)
    {
        if (future.isCompletedExceptionally())
        {
            try
            {
                future.join();
            }
            catch (final CompletionException ex)
            {
                assertThat(ex.getCause()).isInstanceOf(ProtocolException.class);
            }
        }
    }
}

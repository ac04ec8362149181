package io.semisync.protocol.server;

import static io.semisync.protocol.server.EmbeddedServer.CLIENT_CAPABILITIES;
import static io.semisync.protocol.server.EmbeddedServer.greeting;
import static io.semisync.protocol.server.EmbeddedServer.login;
import static io.semisync.protocol.server.EmbeddedServer.payloadBytes;
import static io.semisync.protocol.server.EmbeddedServer.sha2Answer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.auth.CachingSha2PasswordPlugin;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.handshake.CharacterSets;
import io.semisync.protocol.handshake.HandshakeV10;
import io.semisync.protocol.handshake.SslRequest;

/**
 * The TLS upgrade with a real TLS client engine on the other end of an {@link EmbeddedChannel}: SSLRequest and the
 * ClientHello arrive in one buffer, as a client that does not wait may send them, and caching_sha2_password's full
 * authentication then takes the password in clear over TLS.
 */
class ServerTlsTest
{
    private static SslContext serverTls;
    private static SslContext clientTls;

    private final EmbeddedServer server = new EmbeddedServer(new ServerSettings()
        .tls(serverTls)
        .users(UserDirectory.of(ServerUser.withPassword("sha", AuthMethod.CACHING_SHA2_PASSWORD, "s-pw"))), new ScriptedHandler());

    @BeforeAll
    static void certificates() throws Exception
    {
        serverTls = TestCertificates.serverTls();
        clientTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    @Test
    void sslRequestAndClientHelloInOneBufferThenFullAuthenticationInClear()
    {
        final EmbeddedChannel channel = server.connect();
        final HandshakeV10 greeting = greeting(channel);
        assertThat(CapabilityFlags.has(greeting.capabilities(), CapabilityFlags.CLIENT_SSL)).isTrue();
        final SslHandler clientEngine = clientTls.newHandler(ByteBufAllocator.DEFAULT);
        final EmbeddedChannel client = new EmbeddedChannel(clientEngine);
        final ByteBuf clientHello = client.readOutbound();

        final long capabilities = CLIENT_CAPABILITIES | CapabilityFlags.CLIENT_SSL;
        channel.writeInbound(Unpooled.wrappedBuffer(
            Fixtures.packet(1, payloadBytes(new SslRequest(capabilities, 1 << 24, CharacterSets.UTF8MB4_GENERAL_CI))), clientHello));
        for (int round = 0; round < 10 && !clientEngine.handshakeFuture().isDone(); round++)
        {
            shuttle(channel, client);
            shuttle(client, channel);
        }
        assertThat(clientEngine.handshakeFuture().isSuccess()).isTrue();
        shuttle(client, channel);

        final byte[] scramble = greeting.scramble();
        sendOverTls(client, channel, 2, payloadBytes(login(capabilities, "sha", CachingSha2PasswordPlugin.NAME, sha2Answer("s-pw", scramble), null)));
        assertThat(receiveOverTls(channel, client)).isEqualTo("03" + "0104");                     // sequence 3, perform full authentication
        sendOverTls(client, channel, 4, Fixtures.bytes(Fixtures.ascii("s-pw"), "00"));            // the password in clear, with NUL
        assertThat(receiveOverTls(channel, client)).isEqualTo("05" + "00" + "00" + "00" + "0200" + "0000");

        assertThat(channel.pipeline().names()).startsWith(ConnectionInitializer.TLS, ConnectionInitializer.FRAMING_DECODER);
        channel.close();
        client.close();
    }

    private static void sendOverTls(final EmbeddedChannel client, final EmbeddedChannel server, final int sequenceId, final byte[] payload)
    {
        client.writeOutbound(Fixtures.packet(sequenceId, payload));
        shuttle(client, server);
    }

    /** The next packet the server sent, decrypted: sequence id and payload as hex. */
    private static String receiveOverTls(final EmbeddedChannel server, final EmbeddedChannel client)
    {
        shuttle(server, client);
        final ByteBuf clear = Unpooled.buffer();
        for (ByteBuf part = client.readInbound(); part != null; part = client.readInbound())
        {
            clear.writeBytes(part);
            part.release();
        }
        final int length = clear.readUnsignedMediumLE();
        assertThat(clear.readableBytes()).isEqualTo(1 + length);
        return Fixtures.hexOf(clear);
    }

    private static void shuttle(final EmbeddedChannel from, final EmbeddedChannel to)
    {
        from.runPendingTasks();
        for (Object bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound())
        {
            to.writeInbound(bytes);
        }
        to.runPendingTasks();
    }
}

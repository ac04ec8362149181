package io.semisync.protocol.server;

import static io.semisync.protocol.server.EmbeddedServer.CLIENT_CAPABILITIES;
import static io.semisync.protocol.server.EmbeddedServer.greeting;
import static io.semisync.protocol.server.EmbeddedServer.login;
import static io.semisync.protocol.server.EmbeddedServer.nativeAnswer;
import static io.semisync.protocol.server.EmbeddedServer.payloadBytes;
import static io.semisync.protocol.server.EmbeddedServer.readHex;
import static io.semisync.protocol.server.EmbeddedServer.send;
import static io.semisync.protocol.server.EmbeddedServer.sha2Answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.auth.CachingSha2PasswordPlugin;
import io.semisync.protocol.auth.MySqlNativePasswordPlugin;
import io.semisync.protocol.auth.RsaPasswordEncryption;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.handshake.CharacterSets;
import io.semisync.protocol.handshake.HandshakeV10;
import io.semisync.protocol.handshake.SslRequest;

/** The connection phase against scripted client packets: every authentication path and hostile logins. */
class ServerLoginTest
{
    private static final String OK = "00" + "00" + "00" + "0200" + "0000";                     // OK: 0 rows, id 0, autocommit, no warnings
    private static final String NATIVE = MySqlNativePasswordPlugin.NAME;
    private static final String SHA2 = CachingSha2PasswordPlugin.NAME;

    private static KeyPair keyPair;

    private final ScriptedHandler handler = new ScriptedHandler();
    private final EmbeddedServer server = new EmbeddedServer(settings(), handler);

    @BeforeAll
    static void generateKey() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keyPair = generator.generateKeyPair();
    }

    private static ServerSettings settings()
    {
        return new ServerSettings()
            .serverVersion("8.4.0-test")
            .rsaKeyPair(keyPair)
            .maxPacketBytes(4096)
            .connectTimeout(Duration.ofSeconds(3))
            .users(UserDirectory.of(
                ServerUser.withPassword("nat", AuthMethod.MYSQL_NATIVE_PASSWORD, "n-pw"),
                ServerUser.withPassword("sha", AuthMethod.CACHING_SHA2_PASSWORD, "s-pw")));
    }

    @Test
    void greetsAsMySqlWithAFreshScrambleAndNoTlsWhenNoneIsConfigured()
    {
        final EmbeddedChannel first = server.connect();
        final EmbeddedChannel second = server.connect();
        final HandshakeV10 greeting = greeting(first);
        final HandshakeV10 next = greeting(second);

        assertThat(greeting.serverVersion()).isEqualTo("8.4.0-test");
        assertThat(greeting.authPluginName()).isEqualTo(SHA2);
        assertThat(greeting.characterSet()).isEqualTo(CharacterSets.UTF8MB4_0900_AI_CI);
        assertThat(greeting.statusFlags()).isEqualTo(2);
        assertThat(greeting.scramble()).hasSize(20).doesNotContain((byte)0, (byte)'$');
        assertThat(next.scramble()).isNotEqualTo(greeting.scramble());
        assertThat(next.connectionId()).isEqualTo(greeting.connectionId() + 1);
        final long offered = greeting.capabilities();
        assertThat(CapabilityFlags.has(offered, CapabilityFlags.CLIENT_LONG_PASSWORD | CapabilityFlags.CLIENT_PROTOCOL_41 |
            CapabilityFlags.CLIENT_SECURE_CONNECTION | CapabilityFlags.CLIENT_PLUGIN_AUTH | CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA |
            CapabilityFlags.CLIENT_CONNECT_WITH_DB | CapabilityFlags.CLIENT_CONNECT_ATTRS | CapabilityFlags.CLIENT_DEPRECATE_EOF)).isTrue();
        for (final long notOffered : new long[] {CapabilityFlags.CLIENT_SSL, CapabilityFlags.CLIENT_COMPRESS, CapabilityFlags.CLIENT_LOCAL_FILES,
            CapabilityFlags.CLIENT_SESSION_TRACK, CapabilityFlags.CLIENT_QUERY_ATTRIBUTES, CapabilityFlags.CLIENT_OPTIONAL_RESULTSET_METADATA,
            CapabilityFlags.CLIENT_MULTI_STATEMENTS})
        {
            assertThat(offered & notOffered).as("capability 0x%x is not offered", notOffered).isZero();
        }
    }

    @Test
    void handshakeResponseSplitAtEveryOffsetLogsIn()
    {
        final int length = payloadBytes(login(CLIENT_CAPABILITIES, "nat", NATIVE, new byte[20], "db1")).length;
        for (int split = 0; split < length + 4; split++)
        {
            final EmbeddedChannel channel = server.connect();
            final byte[] scramble = greeting(channel).scramble();
            final byte[] packet = frame(1, payloadBytes(login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", scramble), "db1")));

            channel.writeInbound(Unpooled.wrappedBuffer(packet, 0, split));
            channel.runPendingTasks();
            final Object early = channel.readOutbound();
            assertThat(early).as("nothing before the whole packet, split at %d", split).isNull();
            channel.writeInbound(Unpooled.wrappedBuffer(packet, split, packet.length - split));
            channel.runPendingTasks();

            assertThat(readHex(channel, 2)).as("split at %d", split).isEqualTo(OK);
            assertThat(channel.pipeline().get(CommandPhase.class)).isNotNull();
            assertThat(channel.pipeline().get(LoginPhase.class)).isNull();
            assertFalse(channel.finish());
        }
    }

    @Test
    void nativeUserAnsweringWithNativeLogsInAtOnce()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", scramble), null));

        assertThat(readHex(channel, 2)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void nativeUserAnsweringWithCachingSha2IsSwitchedToNative()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 1, login(CLIENT_CAPABILITIES, "nat", SHA2, sha2Answer("n-pw", scramble), null));
        assertThat(readHex(channel, 2)).isEqualTo(
            "fe" + Fixtures.ascii(NATIVE) + "00" + Fixtures.hexOf(Unpooled.wrappedBuffer(scramble)) + "00");   // AuthSwitchRequest: plugin, scramble, NUL
        send(channel, 3, nativeAnswer("n-pw", scramble));

        assertThat(readHex(channel, 4)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void cachingSha2UserIsSwitchedFromNativeThenFullyAuthenticatedWithTheRetrievedKey()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 1, login(CLIENT_CAPABILITIES, "sha", NATIVE, nativeAnswer("s-pw", scramble), null));
        assertThat(readHex(channel, 2)).startsWith("fe" + Fixtures.ascii(SHA2) + "00");
        send(channel, 3, sha2Answer("s-pw", scramble));
        assertThat(readHex(channel, 4)).isEqualTo("0104");                          // AuthMoreData: perform full authentication
        send(channel, 5, new byte[] {0x02});                                        // request the public key
        final String pem = new String(Fixtures.bytes(readHex(channel, 6).substring(2)), StandardCharsets.US_ASCII);
        final RSAPublicKey key = RsaPasswordEncryption.parsePublicKey(pem);
        assertThat(key).isEqualTo(keyPair.getPublic());
        send(channel, 7, RsaPasswordEncryption.encrypt("s-pw", scramble, key));

        assertThat(readHex(channel, 8)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void cachingSha2TakesTheFastPathOnlyAfterAFullAuthentication()
    {
        assertThat(sha2Login(false)).isEqualTo("0104");                             // first login: full authentication needed

        assertThat(readHex(sha2LoginWithKnownKey("sha", "s-pw"), 4)).isEqualTo(OK);

        assertThat(sha2Login(true)).isEqualTo("0103");                              // AuthMoreData: fast auth success, then OK
    }

    @Test
    void cachingSha2FastPathIsNotTakenForAWrongScramble()
    {
        cachingSha2TakesTheFastPathOnlyAfterAFullAuthentication();
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 1, login(CLIENT_CAPABILITIES, "sha", SHA2, sha2Answer("wrong", scramble), null));

        assertThat(readHex(channel, 2)).isEqualTo("0104");
    }

    @Test
    void cachingSha2RefusesAPasswordInClearWithoutTls()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();
        send(channel, 1, login(CLIENT_CAPABILITIES, "sha", SHA2, sha2Answer("s-pw", scramble), null));
        assertThat(readHex(channel, 2)).isEqualTo("0104");

        send(channel, 3, Fixtures.bytes(Fixtures.ascii("s-pw"), "00"));

        assertAccessDenied(channel, 4, "sha", "YES");
    }

    @Test
    void wrongPasswordsAreDeniedWithMySqlsWording()
    {
        final EmbeddedChannel nativeChannel = server.connect();
        final byte[] scramble = greeting(nativeChannel).scramble();
        send(nativeChannel, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("wrong", scramble), null));
        assertAccessDenied(nativeChannel, 2, "nat", "YES");

        assertAccessDenied(sha2LoginWithKnownKey("sha", "wrong"), 4, "sha", "YES");
    }

    @Test
    void noPasswordIsDeniedWithUsingPasswordNo()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, new byte[0], null));
        assertThat(readHex(channel, 2)).isEqualTo(
            "fe" + Fixtures.ascii(NATIVE) + "00" + Fixtures.hexOf(Unpooled.wrappedBuffer(scramble)) + "00");   // the scramble again
        send(channel, 3, new byte[0]);

        assertAccessDenied(channel, 4, "nat", "NO");
    }

    @Test
    void aClientThatAnsweredTheGreetingsPluginBlindWithItsOwnGetsTheScrambleAndLogsIn()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        // MariaDB's replica does not know caching_sha2_password: it answers with mysql_native_password and nothing
        send(channel, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, new byte[0], null));
        assertThat(readHex(channel, 2)).isEqualTo(
            "fe" + Fixtures.ascii(NATIVE) + "00" + Fixtures.hexOf(Unpooled.wrappedBuffer(scramble)) + "00");
        send(channel, 3, nativeAnswer("n-pw", scramble));

        assertThat(readHex(channel, 4)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void unknownUserGoesTheWayOfAWrongPassword()
    {
        assertAccessDenied(sha2LoginWithKnownKey("nobody", "x"), 4, "nobody", "YES");
    }

    @Test
    void loginDatabaseGoesThroughTheHandler()
    {
        final EmbeddedChannel accepted = server.connect();
        final byte[] scramble = greeting(accepted).scramble();
        send(accepted, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", scramble), "db1"));
        assertThat(readHex(accepted, 2)).isEqualTo(OK);
        EmbeddedServer.send(accepted, 0, Fixtures.bytes("03", Fixtures.ascii("SELECT schema")));
        assertThat(EmbeddedServer.readPackets(accepted, 3).get(2).toString(StandardCharsets.US_ASCII)).endsWith("db1");

        final EmbeddedChannel refused = server.connect();
        final byte[] otherScramble = greeting(refused).scramble();
        send(refused, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", otherScramble), "nope"));
        assertThat(readHex(refused, 2)).isEqualTo("ff" + "1904" + "23" + Fixtures.ascii("42000") + Fixtures.ascii("Unknown database 'nope'"));
        assertThat(refused.isOpen()).isFalse();
        assertFalse(refused.finish());
    }

    @Test
    void garbageLoginGetsBadHandshakeAndIsClosed()
    {
        final EmbeddedChannel channel = server.connect();
        greeting(channel);

        send(channel, 1, Fixtures.bytes("00 82 38 00", "00 00 00 01", "21", "00".repeat(23), Fixtures.ascii("no-nul-after-user")));

        assertThat(readHex(channel, 2)).isEqualTo("ff" + "1304" + "23" + Fixtures.ascii("08S01") + Fixtures.ascii("Bad handshake"));
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());                                              // nothing escaped to the end of the pipeline
    }

    @Test
    void tooShortLoginAndSslRequestWithoutTlsGetBadHandshake()
    {
        final EmbeddedChannel shortLogin = server.connect();
        greeting(shortLogin);
        send(shortLogin, 1, Fixtures.bytes("0a"));
        assertThat(readHex(shortLogin, 2)).endsWith(Fixtures.ascii("Bad handshake"));
        assertThat(shortLogin.isOpen()).isFalse();

        final EmbeddedChannel sslRequest = server.connect();
        greeting(sslRequest);
        send(sslRequest, 1, new SslRequest(CLIENT_CAPABILITIES, 1024, CharacterSets.UTF8MB4_GENERAL_CI));
        assertThat(readHex(sslRequest, 2)).endsWith(Fixtures.ascii("Bad handshake"));
        assertThat(sslRequest.isOpen()).isFalse();
        assertFalse(shortLogin.finish());
        assertFalse(sslRequest.finish());
    }

    @Test
    void clientWithoutProtocol41IsRefused()
    {
        final EmbeddedChannel channel = server.connect();
        greeting(channel);

        send(channel, 1, Fixtures.bytes("05 80 00 00", "00 00 00 01", "21", "00".repeat(23), Fixtures.ascii("u"), "00", "00"));

        assertThat(readHex(channel, 2)).endsWith(Fixtures.ascii("Bad handshake"));
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void oversizedPacketIsAnsweredWith1153AndClosedBeforeItsBytesArrive()
    {
        final EmbeddedChannel channel = server.connect();
        greeting(channel);

        channel.writeInbound(Fixtures.buffer("01 10 00", "01"));                    // announces 4097 bytes, over the 4096 limit

        assertThat(readHex(channel, 1)).isEqualTo("ff" + "8104" + "23" + Fixtures.ascii("08S01") +
            Fixtures.ascii("Got a packet bigger than 'max_allowed_packet' bytes"));
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void packetOutOfSequenceIsAnsweredWith1156AndClosed()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 5, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", scramble), null));

        assertThat(readHex(channel, 1)).endsWith(Fixtures.ascii("08S01") + Fixtures.ascii("Got packets out of order"));
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void silentClientIsDisconnectedAfterTheConnectTimeout()
    {
        final EmbeddedChannel channel = server.connect();
        greeting(channel);

        // The channel's time is frozen just after its timer starts: real time until then counts too, so leave it a margin.
        channel.advanceTimeBy(2900, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void loggedInClientIsNotDisconnectedByTheConnectTimeout()
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();
        send(channel, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", scramble), null));
        readHex(channel, 2);

        channel.advanceTimeBy(1, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void failingUserDirectoryDeniesTheLogin()
    {
        final EmbeddedServer broken = new EmbeddedServer(settings().users(name ->
        {
            throw new IllegalStateException("directory down");
        }), handler);
        final EmbeddedChannel channel = broken.connect();
        final byte[] scramble = greeting(channel).scramble();

        send(channel, 1, login(CLIENT_CAPABILITIES, "nat", NATIVE, nativeAnswer("n-pw", scramble), null));
        assertThat(readHex(channel, 2)).startsWith("fe" + Fixtures.ascii(SHA2));   // switched to the decoy's method
        send(channel, 3, sha2Answer("n-pw", scramble));
        assertThat(readHex(channel, 4)).isEqualTo("0104");
        send(channel, 5, new byte[] {0x02});
        readHex(channel, 6);
        send(channel, 7, RsaPasswordEncryption.encrypt("n-pw", scramble, (RSAPublicKey)keyPair.getPublic()));

        assertAccessDenied(channel, 8, "nat", "YES");
    }

    /** A caching_sha2 login that answers full authentication with the password under the RSA key the client knows. */
    private EmbeddedChannel sha2LoginWithKnownKey(final String user, final String password)
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();
        send(channel, 1, login(CLIENT_CAPABILITIES, user, SHA2, sha2Answer(password, scramble), null));
        assertThat(readHex(channel, 2)).isEqualTo("0104");                          // AuthMoreData: perform full authentication
        send(channel, 3, RsaPasswordEncryption.encrypt(password, scramble, (RSAPublicKey)keyPair.getPublic()));
        return channel;
    }

    /** A caching_sha2 login of user sha with the right password: the server's first AuthMoreData, as hex. */
    private String sha2Login(final boolean expectOk)
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();
        send(channel, 1, login(CLIENT_CAPABILITIES, "sha", SHA2, sha2Answer("s-pw", scramble), null));
        final String moreData = readHex(channel, 2);
        if (expectOk)
        {
            assertThat(readHex(channel, 3)).isEqualTo(OK);
        }
        return moreData;
    }

    private static void assertAccessDenied(final EmbeddedChannel channel, final int sequenceId, final String user, final String usingPassword)
    {
        assertThat(readHex(channel, sequenceId)).isEqualTo("ff" + "1504" + "23" + Fixtures.ascii("28000") +
            Fixtures.ascii("Access denied for user '" + user + "'@'embedded' (using password: " + usingPassword + ")"));
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    private static byte[] frame(final int sequenceId, final byte[] payload)
    {
        final ByteBuf packet = Fixtures.packet(sequenceId, payload);
        final byte[] bytes = new byte[packet.readableBytes()];
        packet.readBytes(bytes);
        return bytes;
    }
}

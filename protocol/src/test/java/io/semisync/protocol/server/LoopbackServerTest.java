package io.semisync.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.auth.AuthenticationException;
import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.client.MySqlClient;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.tls.TlsMode;

/** The server over real loopback TCP, driven by this project's own client: every login path, TLS, results, limits. */
class LoopbackServerTest
{
    /** A value longer than one packet, so that both directions split and join payloads. */
    private static final int LARGE = 17 * 1024 * 1024;

    private static MySqlServer server;
    private static MySqlClient client;

    @BeforeAll
    static void start() throws Exception
    {
        server = MySqlServer.start(new ServerSettings()
            .tls(TestCertificates.serverTls())
            .maxPacketBytes(32 * 1024 * 1024)
            .users(UserDirectory.of(
                ServerUser.withPassword("native", AuthMethod.MYSQL_NATIVE_PASSWORD, "n-secret"),
                ServerUser.withStoredHash("rsa", ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD, "r-secret")),
                ServerUser.withPassword("tls", AuthMethod.CACHING_SHA2_PASSWORD, "t-secret"))), new LargeValueHandler());
        client = MySqlClient.create();
    }

    @AfterAll
    static void stop()
    {
        client.close();
        server.close();
    }

    @Test
    void listensOnLoopbackOnAnEphemeralPort()
    {
        assertThat(server.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.localAddress().getPort()).isPositive();
    }

    @Test
    void nativeLoginReadsAResultSetWithNullAndUtf8()
    {
        final MySqlConnection connection = connect(config("native", "n-secret"));

        final ResultSet rows = await(connection.query("SELECT rows"));

        assertThat(rows.columns()).extracting(c -> c.name()).containsExactly("name", "n", "d");
        assertThat(rows.rows()).hasSize(2);
        assertThat(rows.rows().get(0).getLong(1)).isEqualTo(1);
        assertThat(rows.rows().get(1).getString(0)).isEqualTo("bêta");
        assertThat(rows.rows().get(1).isNull(1)).isTrue();
        assertThat(connection.serverInfo().serverVersion()).isEqualTo(ServerSettings.DEFAULT_SERVER_VERSION);
        assertThat(connection.serverInfo().authPlugin()).isEqualTo("mysql_native_password");
        await(connection.close());
    }

    @Test
    void cachingSha2FullAuthenticationWithTheRetrievedRsaKeyThenFastAuthentication()
    {
        assertThatThrownBy(() -> connect(config("rsa", "r-secret")))                          // first login: full authentication needed
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("needs full authentication");

        await(connect(config("rsa", "r-secret").allowPublicKeyRetrieval(true)).close());

        final MySqlConnection fast = connect(config("rsa", "r-secret"));                     // neither TLS nor key: only the fast path works
        await(fast.ping());
        await(fast.close());
    }

    @Test
    void cachingSha2FullAuthenticationOverTls()
    {
        final MySqlConnection connection = connect(config("tls", "t-secret").tlsMode(TlsMode.REQUIRED));

        assertThat(connection.serverInfo().tls()).isTrue();
        assertThat(connection.serverInfo().authPlugin()).isEqualTo("caching_sha2_password");
        await(connection.ping());
        await(connection.close());
    }

    @Test
    void nativeLoginOverTls()
    {
        final MySqlConnection connection = connect(config("native", "n-secret").tlsMode(TlsMode.REQUIRED));

        assertThat(connection.serverInfo().tls()).isTrue();
        assertThat(await(connection.query("SELECT rows")).rows()).hasSize(2);
        await(connection.close());
    }

    @Test
    void wrongPasswordAndUnknownUserAreDenied()
    {
        assertThatThrownBy(() -> connect(config("native", "wrong")))
            .isInstanceOfSatisfying(ServerErrorException.class, ex -> assertThat(ex.errorCode()).isEqualTo(1045))
            .hasMessageEndingWith("Access denied for user 'native'@'127.0.0.1' (using password: YES)");
        assertThatThrownBy(() -> connect(config("tls", "wrong").tlsMode(TlsMode.REQUIRED)))
            .isInstanceOf(ServerErrorException.class)
            .hasMessageEndingWith("Access denied for user 'tls'@'127.0.0.1' (using password: YES)");
        assertThatThrownBy(() -> connect(config("nobody", "x").tlsMode(TlsMode.REQUIRED)))
            .isInstanceOf(ServerErrorException.class)
            .hasMessageEndingWith("Access denied for user 'nobody'@'127.0.0.1' (using password: YES)");
    }

    @Test
    void loginDatabaseIsAcceptedOrRefusedByTheHandler()
    {
        final MySqlConnection connection = connect(config("native", "n-secret").database("db1"));
        assertThat(await(connection.query("SELECT schema")).rows().get(0).getString(0)).isEqualTo("db1");
        await(connection.close());

        assertThatThrownBy(() -> connect(config("native", "n-secret").database("nope")))
            .isInstanceOfSatisfying(ServerErrorException.class, ex -> assertThat(ex.errorCode()).isEqualTo(1049));
    }

    @Test
    void errorsKeepTheConnection()
    {
        final MySqlConnection connection = connect(config("native", "n-secret"));

        assertThatThrownBy(() -> await(connection.query("FAIL x")))
            .isInstanceOfSatisfying(ServerErrorException.class, ex -> assertThat(ex.sqlState()).isEqualTo("42000"));
        assertThatThrownBy(() -> await(connection.query("BUG")))
            .isInstanceOfSatisfying(ServerErrorException.class, ex -> assertThat(ex.errorCode()).isEqualTo(1105));
        assertThat(await(connection.execute("UPDATE t")).affectedRows()).isEqualTo(1);
        await(connection.close());
    }

    @Test
    void payloadsOverSixteenMebibytesCrossInBothDirections()
    {
        final MySqlConnection connection = connect(config("native", "n-secret").maxPacketSize(64 * 1024 * 1024));
        final String statement = "LARGE " + "x".repeat(LARGE);

        final ResultSet rows = await(connection.query(statement));

        assertThat(rows.rows().get(0).getString(0)).hasSize(LARGE + 1);                     // the statement's length, echoed as a value that long
        await(connection.close());
    }

    @Test
    void garbageFromARawSocketGetsBadHandshakeAndTheConnectionCloses() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", server.localAddress().getPort()))
        {
            socket.setSoTimeout(10_000);
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final int greetingLength = Integer.reverseBytes(in.readInt()) & 0xFF_FFFF;                // 3-byte little-endian length, sequence id
            in.readFully(new byte[greetingLength]);
            socket.getOutputStream().write(new byte[] {5, 0, 0, 1, 'h', 'e', 'l', 'l', 'o'});      // a 5-byte "login"

            final byte[] answer = in.readAllBytes();                                                  // until the server closes

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).endsWith("#08S01Bad handshake");
            assertThat(answer[3]).isEqualTo((byte)2);                                                 // sequence id 2
        }
    }

    @Test
    void closingTheServerClosesItsConnections()
    {
        final MySqlServer other = MySqlServer.start(new ServerSettings()
            .users(UserDirectory.of(ServerUser.withPassword("native", AuthMethod.MYSQL_NATIVE_PASSWORD, "n-secret"))), new ScriptedHandler());
        final MySqlConnection connection = await(client.connect(ConnectionConfig.builder().host("127.0.0.1").port(other.localAddress().getPort())
            .user("native").password("n-secret").tlsMode(TlsMode.DISABLED).build()));

        other.close();

        await(connection.closeFuture());
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aPortInUseFailsTheStartWithAClearMessage()
    {
        final int taken = server.localAddress().getPort();

        assertThatThrownBy(() -> MySqlServer.start(new ServerSettings().port(taken).users(name -> Optional.empty()), new ScriptedHandler()))
            .isInstanceOf(ServerStartException.class)
            .hasMessageContaining("cannot listen on 127.0.0.1:" + taken)
            .hasMessageContaining("choose another port, or 0 for an ephemeral one");
    }

    private static ConnectionConfig.Builder config(final String user, final String password)
    {
        return ConnectionConfig.builder().host("127.0.0.1").port(server.localAddress().getPort()).user(user).password(password)
            .tlsMode(TlsMode.DISABLED).connectTimeout(Duration.ofSeconds(5));
    }

    private static MySqlConnection connect(final ConnectionConfig.Builder config)
    {
        return await(client.connect(config.build()));
    }

    private static <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(30, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException ? (RuntimeException)ex.getCause() : new IllegalStateException(ex.getCause());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** {@link ScriptedHandler}, and {@code LARGE ...} answered with one value as long as the statement. */
    private static final class LargeValueHandler implements SessionHandler
    {
        private final ScriptedHandler scripted = new ScriptedHandler();

        @Override
        public CompletionStage<QueryResult> query(final ServerSession session, final String sql)
        {
            if (sql.startsWith("LARGE "))
            {
                final char[] value = new char[sql.getBytes(StandardCharsets.UTF_8).length - "LARGE".length()];
                Arrays.fill(value, 'y');
                return CompletableFuture.completedFuture(new TextResultSet(List.of(ResultColumn.text("v")), List.of(List.of(new String(value)))));
            }
            return scripted.query(session, sql);
        }

        @Override
        public CompletionStage<Void> useSchema(final ServerSession session, final String schema)
        {
            return scripted.useSchema(session, schema);
        }
    }
}

package io.semisync.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.client.MySqlClient;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.tls.TlsMode;

/** The server over real loopback TCP, driven by this project's own client. */
class LoopbackServerTest
{
    private static final ScriptedHandler HANDLER = new ScriptedHandler();
    private static MySqlServer server;
    private static MySqlClient client;

    @BeforeAll
    static void start()
    {
        server = MySqlServer.start(new ServerSettings()
            .users(UserDirectory.of(
                ServerUser.withPassword("native", AuthMethod.MYSQL_NATIVE_PASSWORD, "n-secret"),
                ServerUser.withPassword("sha2", AuthMethod.CACHING_SHA2_PASSWORD, "s-secret"))), HANDLER);
        client = MySqlClient.create();
    }

    @AfterAll
    static void stop()
    {
        client.close();
        server.close();
    }

    @Test
    void nativeLoginAndQuery()
    {
        final MySqlConnection connection = connect(config("native", "n-secret"));
        final ResultSet rows = await(connection.query("SELECT rows"));
        assertThat(rows.columns()).extracting(c -> c.name()).containsExactly("name", "n", "d");
        assertThat(rows.rows()).hasSize(2);
        assertThat(rows.rows().get(1).getString(0)).isEqualTo("bêta");
        assertThat(rows.rows().get(1).isNull(1)).isTrue();
        await(connection.close());
    }

    @Test
    void cachingSha2FullThenFast()
    {
        final MySqlConnection first = connect(config("sha2", "s-secret").allowPublicKeyRetrieval(true));
        await(first.close());
        final MySqlConnection second = connect(config("sha2", "s-secret"));
        await(second.ping());
        await(second.close());
    }

    @Test
    void wrongPassword()
    {
        assertThatThrownBy(() -> connect(config("native", "wrong")))
            .isInstanceOf(ServerErrorException.class)
            .hasMessageContaining("Access denied for user 'native'@'127.0.0.1' (using password: YES)");
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
            return future.get(10, TimeUnit.SECONDS);
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
}

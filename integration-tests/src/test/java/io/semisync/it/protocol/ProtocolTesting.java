package io.semisync.it.protocol;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.client.MySqlClient;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceUser;

/** Shared client and helpers for the protocol integration tests. */
final class ProtocolTesting
{
    /** One client (one event loop) for every test of the run. */
    static final MySqlClient CLIENT = MySqlClient.create();

    private static final long TIMEOUT_SECONDS = 30;

    private ProtocolTesting()
    {
    }

    /** A configuration for {@code user} on {@code server}, without TLS unless the test changes it. */
    static ConnectionConfig.Builder config(final SourceServer server, final SourceUser user)
    {
        return ConnectionConfig.builder()
            .host(server.host())
            .port(server.port())
            .user(user.name())
            .password(user.password())
            .tlsMode(TlsMode.DISABLED)
            .connectTimeout(Duration.ofSeconds(10));
    }

    /** Connects and waits for the login. */
    static MySqlConnection connect(final ConnectionConfig config)
    {
        return await(CLIENT.connect(config));
    }

    /** The value of a future, or its failure rethrown unwrapped. */
    static <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException)
            {
                throw (RuntimeException)ex.getCause();
            }
            throw new IllegalStateException(ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("no answer within " + TIMEOUT_SECONDS + " s", ex);
        }
    }

    /** The single value of a one-row, one-column query. */
    static String value(final MySqlConnection connection, final String sql)
    {
        return await(connection.query(sql)).rows().get(0).getString(0);
    }

    /** Closes a connection with COM_QUIT and waits until it is closed. */
    static void quit(final MySqlConnection connection)
    {
        await(connection.close());
    }

    /** A user name no earlier run has used, so its caching_sha2 cache entry is empty. */
    static String freshUserName(final String prefix)
    {
        return prefix + "_" + Long.toString(System.nanoTime() & 0xFFFFFFFL, 36);
    }
}

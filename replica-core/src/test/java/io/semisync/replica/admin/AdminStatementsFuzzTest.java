package io.semisync.replica.admin;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.semisync.protocol.server.QueryResult;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.Replica;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A COM_QUERY of any bytes, decoded as the admin endpoint decodes it (UTF-8) and run by {@link AdminStatements} against
 * a real replica whose source does not answer: the statement runs, or is refused with the MySQL error the endpoint
 * sends (a code, a five-character SQLSTATE, a message); nothing else escapes (the endpoint would answer it with a bare
 * 1105, "unknown error", and log a warning).
 */
class AdminStatementsFuzzTest
{
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T13:58:28Z"), ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    private static Replica replica;
    private static AdminStatements statements;

    @BeforeAll
    static void startReplica() throws IOException
    {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        replica = Replica.start(new ReplicaConfig()
            .set(Settings.SOURCE_PORT, closedPort)
            .set(Settings.USER, "repl")
            .password("secret")
            .set(Settings.TLS_MODE, TlsMode.DISABLED)
            .set(Settings.DATA_DIR, dataDir)
            .set(Settings.RECONNECT_MAX_BACKOFF, Duration.ofMillis(200)), CLOCK);
        statements = new AdminStatements(replica, () -> 3307, false, CLOCK);
    }

    @AfterAll
    static void stopReplica()
    {
        statements.close();
        replica.close();
    }

    @FuzzTest(maxDuration = "5m")
    void anyStatementRunsOrIsRefusedWithAMysqlError(final byte[] query)
    {
        final String sql = new String(query, StandardCharsets.UTF_8);
        try
        {
            final QueryResult result = statements.execute(new AdminTestSession(), sql);
            assertThat(result).as(sql).isNotNull();
        }
        catch (final SqlErrorException refused)
        {
            assertThat(refused.errorCode()).as(sql).isBetween(1000, 65535);
            assertThat(refused.sqlState()).as(sql).hasSize(5);
            assertThat(refused.getMessage()).as(sql).isNotBlank();
        }
    }
}

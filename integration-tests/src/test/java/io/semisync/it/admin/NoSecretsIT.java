package io.semisync.it.admin;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.NoSecrets;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password in any log line or status output: a replica streaming from a real MySQL source, asked for everything
 * its admin endpoint and metrics show, and refused a login with a wrong password, prints none of the source's users'
 * passwords, its admin password or the wrong one, in its log, its status lines, the client's output or the metrics.
 */
@ExtendWith(SourceServerExtension.class)
class NoSecretsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String WRONG_PASSWORD = "wrong-Secret-7";
    private static final String EVERY_STATUS = "SHOW GLOBAL VARIABLES; SHOW SESSION VARIABLES; SHOW GLOBAL STATUS; SHOW REPLICA STATUS; "
        + "SHOW SLAVE STATUS; SHOW PLUGINS; SHOW RELAYLOG FILES; SELECT * FROM performance_schema.global_variables; "
        + "SELECT * FROM performance_schema.global_status; SELECT * FROM INFORMATION_SCHEMA.PLUGINS";

    @Test
    void noPasswordInTheLogTheStatusOrTheMetrics(@Source(Flavor.MYSQL) final SourceServer server, @TempDir final Path dataDir)
        throws IOException, InterruptedException
    {
        final List<String> passwords = new ArrayList<>(List.of(server.admin().password(), server.replicationUser().password(),
            server.sslUser().password(), AdminReplica.PASSWORD, WRONG_PASSWORD));
        final List<String> outputs = new ArrayList<>();
        try (AdminReplica replica = AdminReplica.start(NoSecretsIT.class, server, server.host(), server.port(), dataDir))
        {
            replica.process().secret(server.admin().password()).secret(server.sslUser().password()).secret(WRONG_PASSWORD);
            ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);

            final ClientOutput status = CommandLineClient.mysql(replica.admin(), AdminReplica.ADMIN, AdminReplica.PASSWORD).run(EVERY_STATUS)
                .assertOk();
            assertThat(status.run().stdout()).contains("Rpl_semi_sync_replica_status", "Replica_IO_Running");
            outputs.add(status.run().stdout() + status.run().stderr());
            final ClientOutput refused = CommandLineClient.mysql(replica.admin(), AdminReplica.ADMIN, WRONG_PASSWORD).run("SELECT 1")
                .assertError(1045, "Access denied for user 'admin'");
            outputs.add(refused.run().stdout() + refused.run().errors());
            final HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(replica.metricsUrl())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("semisync_replica_events_total");
            outputs.add(metrics.body());
            replica.stop();
            assertThat(replica.process().stdout()).contains("status: ", "final status: STOPPED");
        }
        for (final String output : outputs)
        {
            NoSecrets.assertAbsent("the admin endpoint's and the metrics' output", output, passwords);
        }
    }
}

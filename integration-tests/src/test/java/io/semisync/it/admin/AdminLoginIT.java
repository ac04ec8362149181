package io.semisync.it.admin;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Logging in to the admin endpoint of a replica of a real MySQL 9.7 source, with the test CA's server certificate:
 * a wrong password is refused with 1045 (mysql client and connector-J); caching_sha2_password's full authentication
 * needs TLS (or the RSA key), and over TLS (the first login of the user since the replica started, with the server
 * certificate verified) it works with the mysql client; mysql_native_password works with the mariadb client;
 * connector-J connects with its own queries.
 */
@ExtendWith(SourceServerExtension.class)
class AdminLoginIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void wrongPasswordsAreRefusedAndRightOnesLogInOverTlsAndWithoutIt(@Source(Flavor.MYSQL) final SourceServer server,
        @TempDir final Path dataDir) throws Exception
    {
        final TlsFiles tls = server.tls();
        try (AdminReplica replica = AdminReplica.start(AdminLoginIT.class, server, server.host(), server.port(), dataDir,
            "--admin-tls-cert", tls.serverCertificate().toString(), "--admin-tls-key", tls.serverKey().toString());
            CommandLineClient.VisibleFile ca = CommandLineClient.visibleToMysql(tls.ca()))
        {
            ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);

            CommandLineClient.mysql(replica.admin(), AdminReplica.ADMIN, AdminReplica.PASSWORD, "--ssl-mode=DISABLED").run("SELECT 1")
                .assertError(2061, "Authentication requires secure connection");
            final ClientOutput overTls = CommandLineClient.mysql(replica.admin(), AdminReplica.ADMIN, AdminReplica.PASSWORD,
                "--ssl-mode=VERIFY_IDENTITY", "--ssl-ca=" + ca.clientPath()).run("SELECT @@version_comment, @@have_ssl");
            assertThat(overTls.rows()).as("full authentication over TLS, the server certificate verified")
                .containsExactly(List.of("semisync-replica", "YES"));

            CommandLineClient.mysql(replica.admin(), AdminReplica.ADMIN, "wrong-password", "--ssl-mode=REQUIRED").run("SELECT 1")
                .assertError(1045, "Access denied for user 'admin'");
            CommandLineClient.mysql(replica.admin(), "nobody", AdminReplica.PASSWORD).run("SELECT 1")
                .assertError(1045, "Access denied for user 'nobody'");

            final ClientOutput mariadb = CommandLineClient.mariadb(replica.admin(), AdminReplica.DBA, AdminReplica.PASSWORD)
                .run("SELECT @@version, @@server_id, CURRENT_USER()");
            assertThat(mariadb.rows()).containsExactly(List.of("8.4.0-semisync-replica", "4242", AdminReplica.DBA + "@%"));
            CommandLineClient.mariadb(replica.admin(), AdminReplica.DBA, "wrong-password").run("SELECT 1").assertError(1045, "Access denied");

            assertThatThrownBy(() -> DriverManager.getConnection(replica.jdbcUrl(), AdminReplica.ADMIN, "wrong-password").close())
                .isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getErrorCode()).isEqualTo(1045));
            try (Connection connection = DriverManager.getConnection(replica.jdbcUrl(), AdminReplica.ADMIN, AdminReplica.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT @@server_id, @@rpl_semi_sync_replica_enabled"))
            {
                assertThat(connection.getMetaData().getDatabaseProductVersion()).isEqualTo("8.4.0-semisync-replica");
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(4242);
                assertThat(result.getBoolean(2)).isTrue();
            }
            replica.stop();
        }
    }
}

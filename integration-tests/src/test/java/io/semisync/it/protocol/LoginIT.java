package io.semisync.it.protocol;

import static io.semisync.it.protocol.ProtocolTesting.await;
import static io.semisync.it.protocol.ProtocolTesting.config;
import static io.semisync.it.protocol.ProtocolTesting.connect;
import static io.semisync.it.protocol.ProtocolTesting.quit;
import static io.semisync.it.protocol.ProtocolTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.semisync.it.Source;
import io.semisync.it.SourceRelease;
import io.semisync.it.SourceServerExtension;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.auth.AuthenticationException;
import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.client.ConnectionFailedException;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.handshake.ServerFlavor;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.sources.Flavor;
import io.semisync.sources.MariadbRelease;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceUser;

/** Every authentication plugin and path against real servers. */
@ExtendWith(SourceServerExtension.class)
class LoginIT
{
    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void replicationUserLogsInWithTheFlavorsDefaultPlugin(final SourceRelease release)
    {
        final SourceServer server = release.shared();
        final SourceUser user = server.replicationUser();
        final MySqlConnection connection = connect(config(server, user).allowPublicKeyRetrieval(true).build());

        assertThat(connection.serverInfo().flavor()).isEqualTo(release.flavor() == Flavor.MYSQL ? ServerFlavor.MYSQL : ServerFlavor.MARIADB);
        assertThat(server.version()).startsWith(connection.serverInfo().serverVersion().split("-")[0]);
        assertThat(connection.serverInfo().authPlugin()).isEqualTo(user.authPlugin());
        assertThat(value(connection, "SELECT CONNECTION_ID()")).isEqualTo(Long.toString(connection.serverInfo().connectionId()));
        assertThat(value(connection, "SELECT CURRENT_USER()")).startsWith(user.name() + "@");
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(MariadbRelease.class)
    void nativePasswordOnMariaDb(final MariadbRelease release)
    {
        final SourceServer server = SourceServerExtension.shared(Flavor.MARIADB, release);
        final SourceUser user = server.nativePasswordUser().orElseThrow();
        final MySqlConnection connection = connect(config(server, user).build());

        assertThat(connection.serverInfo().authPlugin()).isEqualTo("mysql_native_password");
        assertThat(value(connection, "SELECT CURRENT_USER()")).startsWith(user.name() + "@");
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(MariadbRelease.class)
    void ed25519OnMariaDb(final MariadbRelease release)
    {
        final SourceServer server = SourceServerExtension.shared(Flavor.MARIADB, release);
        final SourceUser user = server.ed25519User().orElseThrow();
        assertThat(server.queryValue("SELECT plugin FROM mysql.user WHERE user = '" + user.name() + "'")).isEqualTo("ed25519");
        final MySqlConnection connection = connect(config(server, user).build());

        assertThat(value(connection, "SELECT CURRENT_USER()")).startsWith(user.name() + "@");
        quit(connection);
        final ConnectionConfig wrongPassword = config(server, user).password(user.password() + "x").build();
        assertThatThrownBy(() -> connect(wrongPassword))
            .isInstanceOfSatisfying(ServerErrorException.class, error -> assertThat(error.errorCode()).isEqualTo(1045));
    }

    @Test
    void cachingSha2FullPathByKeyRetrievalThenFastPath(@Source(Flavor.MYSQL) final SourceServer server)
    {
        final SourceUser user = freshSha2User(server, "full");
        final ConnectionConfig noKey = config(server, user).build();

        // Nothing cached, no TLS, no key: the client must say which option to set.
        assertThatThrownBy(() -> connect(noKey))
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("serverPublicKeyPath")
            .hasMessageContaining("allowPublicKeyRetrieval");

        // Full path: the client asks for the RSA key (0x02) and sends the encrypted password.
        quit(connect(noKey.toBuilder().allowPublicKeyRetrieval(true).build()));

        // Fast path: the server now has the hash cached, so no key is needed at all.
        final MySqlConnection fast = connect(noKey);
        assertThat(value(fast, "SELECT CURRENT_USER()")).startsWith(user.name() + "@");
        quit(fast);
    }

    @Test
    void cachingSha2FullPathWithConfiguredPublicKey(@Source(Flavor.MYSQL) final SourceServer server, @TempDir final Path dir)
        throws IOException
    {
        final String pem = server.query("SHOW STATUS LIKE 'Caching_sha2_password_rsa_public_key'").get(0).get(1);
        final Path keyFile = Files.writeString(dir.resolve("server-public-key.pem"), pem);
        final SourceUser user = freshSha2User(server, "pem");

        final MySqlConnection connection = connect(config(server, user).serverPublicKeyPath(keyFile).build());

        assertThat(connection.serverInfo().tls()).isFalse();
        assertThat(value(connection, "SELECT CURRENT_USER()")).startsWith(user.name() + "@");
        quit(connection);
    }

    @Test
    void cachingSha2FullPathOverTls(@Source(Flavor.MYSQL) final SourceServer server)
    {
        final SourceUser user = freshSha2User(server, "tls");

        final MySqlConnection connection = connect(config(server, user).tlsMode(TlsMode.REQUIRED).build());

        assertThat(connection.serverInfo().tls()).isTrue();
        assertThat(value(connection, "SELECT CURRENT_USER()")).startsWith(user.name() + "@");
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void wrongPasswordSurfacesError1045WithTheServersMessage(final SourceRelease release)
    {
        final SourceServer server = release.shared();
        final ConnectionConfig config = config(server, server.replicationUser()).password("wrong").allowPublicKeyRetrieval(true).build();

        assertThatThrownBy(() -> connect(config))
            .isInstanceOfSatisfying(ServerErrorException.class, error ->
            {
                assertThat(error.errorCode()).isEqualTo(1045);
                assertThat(error.sqlState()).isEqualTo("28000");
                assertThat(error.serverMessage()).contains("Access denied for user '" + server.replicationUser().name() + "'");
            });
    }

    @Test
    void closedPortNamesHostAndPort() throws IOException
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final ConnectionConfig config = ConnectionConfig.builder().host("127.0.0.1").port(port).user("nobody").build();

        assertThatThrownBy(() -> await(ProtocolTesting.CLIENT.connect(config)))
            .isInstanceOf(ConnectionFailedException.class)
            .hasMessageContaining("127.0.0.1:" + port);
    }

    /** A new caching_sha2_password user with an empty cache entry. */
    static SourceUser freshSha2User(final SourceServer server, final String prefix)
    {
        final SourceUser user = new SourceUser(ProtocolTesting.freshUserName("sha2_" + prefix), "Pw-" + prefix + "-secret", "caching_sha2_password");
        server.execute(
            "SET SQL_LOG_BIN=0",
            "CREATE USER '" + user.name() + "'@'%' IDENTIFIED WITH caching_sha2_password BY '" + user.password() + "'",
            "FLUSH PRIVILEGES",
            "SET SQL_LOG_BIN=1");
        return user;
    }
}

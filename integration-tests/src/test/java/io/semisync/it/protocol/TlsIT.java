package io.semisync.it.protocol;

import static io.semisync.it.protocol.ProtocolTesting.config;
import static io.semisync.it.protocol.ProtocolTesting.connect;
import static io.semisync.it.protocol.ProtocolTesting.quit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.semisync.it.SourceRelease;
import io.semisync.it.SourceServerExtension;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.client.ConnectionFailedException;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceUser;

/** The TLS modes, certificate verification and client certificates against real servers. */
@ExtendWith(SourceServerExtension.class)
class TlsIT
{
    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void requireSslUserIsRefusedInClearAndAdmittedWithRequired(final SourceRelease release)
    {
        final SourceServer server = release.shared();
        final ConnectionConfig clear = config(server, server.sslUser()).allowPublicKeyRetrieval(true).build();

        assertThatThrownBy(() -> connect(clear))
            .isInstanceOfSatisfying(ServerErrorException.class, error -> assertThat(error.errorCode()).isEqualTo(1045));

        final MySqlConnection connection = connect(clear.toBuilder().tlsMode(TlsMode.REQUIRED).build());
        assertThat(connection.serverInfo().tls()).isTrue();
        assertThat(cipher(connection)).isNotEmpty();
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void preferredEncryptsWhenTheServerOffersTls(final SourceRelease release)
    {
        final SourceServer server = release.shared();

        final MySqlConnection connection = connect(config(server, server.replicationUser()).tlsMode(TlsMode.PREFERRED).build());

        assertThat(connection.serverInfo().tls()).isTrue();
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void verifyCaAcceptsTheServersCaAndRejectsAnUnrelatedOne(final SourceRelease release)
    {
        final SourceServer server = release.shared();
        final ConnectionConfig verifyCa = config(server, server.sslUser()).tlsMode(TlsMode.VERIFY_CA).tlsCaPath(server.tls().ca()).build();

        final MySqlConnection connection = connect(verifyCa);
        assertThat(cipher(connection)).isNotEmpty();
        quit(connection);

        assertThatThrownBy(() -> connect(verifyCa.toBuilder().tlsCaPath(server.tls().unrelatedCa()).build()))
            .isInstanceOf(ConnectionFailedException.class)
            .hasMessageContaining("TLS handshake with " + server.host() + ":" + server.port())
            .hasMessageContaining("VERIFY_CA");
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void verifyIdentityMatchesTheIpAddressInTheCertificate(final SourceRelease release)
    {
        final SourceServer server = release.shared();
        final ConnectionConfig config = config(server, server.sslUser())
            .host("127.0.0.1")
            .tlsMode(TlsMode.VERIFY_IDENTITY)
            .tlsCaPath(server.tls().ca())
            .build();

        final MySqlConnection connection = connect(config);

        assertThat(connection.serverInfo().tls()).isTrue();
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void verifyIdentityRefusesAHostNameTheCertificateDoesNotNameAndSaysWhatToDo(final SourceRelease release) throws UnknownHostException
    {
        final SourceServer server = release.shared();
        final InetAddress machine = InetAddress.getLocalHost();
        assertThat(machine.getHostAddress())
            .as("this test needs the machine's host name (%s) to resolve to 127.0.0.1, as /etc/hosts says here", machine.getHostName())
            .isEqualTo(server.host());
        final ConnectionConfig config = config(server, server.sslUser())
            .host(machine.getHostName())
            .tlsMode(TlsMode.VERIFY_IDENTITY)
            .tlsCaPath(server.tls().ca())
            .build();

        assertThatThrownBy(() -> connect(config))
            .isInstanceOf(ConnectionFailedException.class)
            .hasMessageContaining("TLS handshake with " + machine.getHostName() + ":" + server.port() + " (tlsMode=VERIFY_IDENTITY) failed")
            .hasMessageContaining("the source's certificate does not name " + machine.getHostName())
            .hasMessageContaining("or use VERIFY_CA");
        quit(connect(config.toBuilder().tlsMode(TlsMode.VERIFY_CA).build()));
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void clientCertificateSatisfiesRequireX509(final SourceRelease release)
    {
        final SourceServer server = release.shared();
        final SourceUser user = new SourceUser(ProtocolTesting.freshUserName("x509"), "x509-secret", server.replicationUser().authPlugin());
        server.execute(
            "SET SQL_LOG_BIN=0",
            "CREATE USER '" + user.name() + "'@'%' IDENTIFIED BY '" + user.password() + "' REQUIRE X509",
            "SET SQL_LOG_BIN=1");
        final ConnectionConfig withoutCertificate = config(server, user).tlsMode(TlsMode.VERIFY_CA).tlsCaPath(server.tls().ca()).build();

        assertThatThrownBy(() -> connect(withoutCertificate)).isInstanceOf(ServerErrorException.class);

        final MySqlConnection connection = connect(withoutCertificate.toBuilder()
            .tlsCertificatePath(server.tls().clientCertificate())
            .tlsKeyPath(server.tls().clientKey())
            .build());
        assertThat(cipher(connection)).isNotEmpty();
        quit(connection);
    }

    private static String cipher(final MySqlConnection connection)
    {
        final ResultSet status = ProtocolTesting.await(connection.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'"));
        return status.rows().get(0).getString(1);
    }
}

package io.semisync.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.semisync.protocol.tls.TlsMode;

class ConnectionConfigTest
{
    @Test
    void defaultsAreValid()
    {
        final ConnectionConfig config = ConnectionConfig.builder().host("127.0.0.1").user("repl").build().validate();

        assertThat(config.port()).isEqualTo(3306);
        assertThat(config.tlsMode()).isEqualTo(TlsMode.PREFERRED);
        assertThat(config.maxPacketSize()).isEqualTo(64 * 1024 * 1024);
        assertThat(config.address()).isEqualTo("127.0.0.1:3306");
    }

    @Test
    void listsEveryProblemInOneMessage()
    {
        final ConnectionConfig config = ConnectionConfig.builder()
            .port(70000)
            .tlsMode(TlsMode.VERIFY_IDENTITY)
            .tlsCertificatePath(Path.of("/nonexistent/client-cert.pem"))
            .connectTimeout(Duration.ZERO)
            .maxPacketSize(0)
            .build();

        assertThatThrownBy(config::validate)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("host must be set")
            .hasMessageContaining("port must be 1 to 65535 but is 70000")
            .hasMessageContaining("user must be set")
            .hasMessageContaining("tlsMode=VERIFY_IDENTITY needs tlsCaPath")
            .hasMessageContaining("tlsCertificatePath /nonexistent/client-cert.pem is not a readable file")
            .hasMessageContaining("tlsCertificatePath and tlsKeyPath must be set together")
            .hasMessageContaining("connectTimeout must be positive")
            .hasMessageContaining("maxPacketSize must be 1 to");
    }

    @Test
    void toBuilderKeepsEverySetting()
    {
        final ConnectionConfig config = ConnectionConfig.builder().host("h").port(1).user("u").password("p").database("d")
            .allowPublicKeyRetrieval(true).maxPacketSize(5).deprecateEof(false).tlsMode(TlsMode.DISABLED).build();

        assertThat(config.toBuilder().build()).usingRecursiveComparison().isEqualTo(config);
    }
}

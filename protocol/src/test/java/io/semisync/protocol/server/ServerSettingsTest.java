package io.semisync.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServerSettingsTest
{
    @Test
    void defaultsListenOnLoopbackOnAnEphemeralPort()
    {
        final ServerSettings settings = new ServerSettings().users(name -> Optional.empty()).validate();

        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isZero();
        assertThat(settings.tls()).isNull();
        assertThat(settings.rsaKeyPair()).isNull();
        assertThat(settings.maxPacketBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void validateNamesEveryProblem() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        final ServerSettings settings = new ServerSettings()
            .bindAddress(" ")
            .port(70000)
            .serverVersion("")
            .rsaKeyPair(generator.generateKeyPair())
            .maxPacketBytes(10)
            .connectTimeout(Duration.ZERO)
            .ioThreads(0);

        assertThatThrownBy(settings::validate)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("bindAddress must be set")
            .hasMessageContaining("port must be 0 (ephemeral) to 65535 but is 70000")
            .hasMessageContaining("serverVersion must be non-blank")
            .hasMessageContaining("users must be set")
            .hasMessageContaining("rsaKeyPair must have at least 2048 bits but has 1024")
            .hasMessageContaining("maxPacketBytes must be 1024 to 1073741824 but is 10")
            .hasMessageContaining("connectTimeout must be positive but is PT0S")
            .hasMessageContaining("ioThreads must be at least 1 but is 0");
    }
}

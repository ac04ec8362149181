package io.semisync.replica.config;

import io.semisync.protocol.tls.TlsMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaConfigTest
{
    @TempDir
    Path dataDir;

    private ReplicaConfig valid()
    {
        final ReplicaConfig config = new ReplicaConfig();
        config.user = "repl";
        config.password = "secret";
        config.dataDirectory = dataDir;
        config.tlsMode = TlsMode.DISABLED;
        return config;
    }

    @Test
    void validConfigurationPasses()
    {
        final ReplicaConfig config = valid();

        assertThat(config.validate()).isSameAs(config);
        assertThat(config.sourceAddress()).isEqualTo("127.0.0.1:3306");
    }

    @Test
    void missingDataDirectoryNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.dataDirectory = null;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--data-dir");
    }

    @Test
    void missingUserNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.user = " ";

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--user");
    }

    @Test
    void missingPasswordNamesBothWaysToGiveIt()
    {
        final ReplicaConfig config = valid();
        config.password = null;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
            .hasMessageContaining("--password-file").hasMessageContaining("--password-env");
    }

    @Test
    void emptyHostNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.sourceHost = "";

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--source-host");
    }

    @Test
    void portOutOfRangeNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.sourcePort = 70_000;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
            .hasMessageContaining("--source-port").hasMessageContaining("70000");
    }

    @Test
    void serverIdOutOfRangeNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.serverId = 0;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--server-id");
    }

    @Test
    void zeroHeartbeatNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.heartbeatPeriod = Duration.ZERO;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--heartbeat-ms");
    }

    @Test
    void heartbeatAboveAnHourIsRejected()
    {
        final ReplicaConfig config = valid();
        config.heartbeatPeriod = Duration.ofHours(1).plusMillis(1);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("heartbeat");
    }

    @Test
    void negativeRetentionNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.retentionMaxBytes = -1;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--retention-max-bytes");
    }

    @Test
    void backoffMaxBelowMinIsRejected()
    {
        final ReplicaConfig config = valid();
        config.reconnectMinBackoff = Duration.ofSeconds(10);
        config.reconnectMaxBackoff = Duration.ofSeconds(1);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("reconnect backoff");
    }

    @Test
    void verifyingTlsWithoutCaNamesTheFlag()
    {
        final ReplicaConfig config = valid();
        config.tlsMode = TlsMode.VERIFY_CA;

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--tls-ca");
    }

    @Test
    void everyProblemIsListedInOneException()
    {
        final ReplicaConfig config = new ReplicaConfig();
        config.sourcePort = 0;
        config.serverId = -5;

        assertThatThrownBy(config::validate)
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("invalid configuration:")
            .hasMessageContaining("--source-port")
            .hasMessageContaining("--user")
            .hasMessageContaining("--password-file")
            .hasMessageContaining("--data-dir")
            .hasMessageContaining("-5");
    }
}

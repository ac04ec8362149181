package io.semisync.replica.config;

import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.protocol.tls.TlsMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaConfigTest
{
    @TempDir
    Path dataDir;

    private ReplicaConfig valid()
    {
        return new ReplicaConfig()
            .environment(name -> null)
            .set(Settings.USER, "repl")
            .password("secret")
            .set(Settings.DATA_DIR, dataDir)
            .set(Settings.TLS_MODE, TlsMode.DISABLED);
    }

    @Test
    void validConfigurationPasses()
    {
        final ReplicaConfig config = valid();

        assertThat(config.validate()).isSameAs(config);
        assertThat(config.sourceAddress()).isEqualTo("127.0.0.1:3306");
        assertThat(config.get(Settings.SEMISYNC)).isTrue();
    }

    @Test
    void missingDataDirectoryNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.DATA_DIR, null);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--data-dir");
    }

    @Test
    void missingUserNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.USER, " ");

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--user");
    }

    @Test
    void missingPasswordNamesBothWaysToGiveIt()
    {
        final ReplicaConfig config = valid().password(null);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
            .hasMessageContaining("--password-file").hasMessageContaining("--password-env");
    }

    @Test
    void passwordComesFromTheNamedEnvironmentVariableOrTheFile() throws Exception
    {
        final ReplicaConfig fromEnvironment = valid().password(null).environment(Map.of("REPL_PW", "from-env")::get);
        fromEnvironment.read("password-env", "REPL_PW", "from --password-env");

        assertThat(fromEnvironment.validate().connectionConfig().password()).isEqualTo("from-env");

        final Path file = java.nio.file.Files.writeString(dataDir.resolve("pw"), "from-file\n");
        final ReplicaConfig fromFile = valid().password(null).set(Settings.PASSWORD_FILE, file);

        assertThat(fromFile.validate().connectionConfig().password()).isEqualTo("from-file");
    }

    @Test
    void emptyHostNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.SOURCE_HOST, "");

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--source-host");
    }

    @Test
    void portOutOfRangeNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.SOURCE_PORT, 70_000);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
            .hasMessageContaining("--source-port").hasMessageContaining("70000");
    }

    @Test
    void serverIdOutOfRangeNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.SERVER_ID, 0L);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--server-id");
    }

    @Test
    void zeroHeartbeatNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.HEARTBEAT, Duration.ZERO);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--heartbeat-ms");
    }

    @Test
    void heartbeatAboveAnHourIsRejected()
    {
        final ReplicaConfig config = valid().set(Settings.HEARTBEAT, Duration.ofHours(1).plusMillis(1));

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--heartbeat-ms");
    }

    @Test
    void negativeRetentionNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.RETENTION_MAX_BYTES, -1L);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--retention-max-bytes");
    }

    @Test
    void theAckJournalIsSizedInMebibytesOrTurnedOffWithZero()
    {
        assertThat(valid().get(Settings.ACK_JOURNAL_MB)).isEqualTo(16L);
        assertThat(valid().read("ack-journal-mb", "0", "from --ack-journal-mb").validate().get(Settings.ACK_JOURNAL_MB)).isZero();
        assertThat(valid().read("ack-journal-mb", "2", "from --ack-journal-mb").validate().get(Settings.ACK_JOURNAL_MB)).isEqualTo(2L);
        assertThatThrownBy(valid().read("ack-journal-mb", "1", "from --ack-journal-mb")::validate)
            .isInstanceOf(ConfigException.class).hasMessageContaining("--ack-journal-mb: 1 is neither 0 nor in 2..256");
        assertThatThrownBy(valid().read("ack-journal-mb", "257", "from --ack-journal-mb")::validate)
            .isInstanceOf(ConfigException.class).hasMessageContaining("--ack-journal-mb: 257 is neither 0 nor in 2..256");
    }

    @Test
    void backoffMaxBelowMinIsRejected()
    {
        final ReplicaConfig config = valid()
            .set(Settings.RECONNECT_MIN_BACKOFF, Duration.ofSeconds(10))
            .set(Settings.RECONNECT_MAX_BACKOFF, Duration.ofSeconds(1));

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("reconnect backoff")
            .hasMessageContaining("--reconnect-min-backoff-ms");
    }

    @Test
    void verifyingTlsWithoutCaNamesTheFlag()
    {
        final ReplicaConfig config = valid().set(Settings.TLS_MODE, TlsMode.VERIFY_CA);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("--tls-ca");
    }

    @Test
    void textIsReadTheSameWhateverItsOriginAndBadTextIsReportedWithTheRest()
    {
        final ReplicaConfig config = valid()
            .read("source_port", "3310", "in config file a.properties")
            .read("tls-mode", "verify_ca", "from --tls-mode")
            .read("heartbeat-ms", "soon", "in config file a.properties")
            .read("source-hots", "db1", "in config file a.properties")
            .read("RPL_SEMI_SYNC_SLAVE_ENABLED", "OFF", "in config file a.properties");

        assertThat(config.get(Settings.SOURCE_PORT)).isEqualTo(3310);
        assertThat(config.get(Settings.TLS_MODE)).isEqualTo(TlsMode.VERIFY_CA);
        assertThat(config.get(Settings.SEMISYNC)).isFalse();
        assertThatThrownBy(config::validate)
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("--heartbeat-ms: 'soon' is not a whole number (in config file a.properties)")
            .hasMessageContaining("unknown setting 'source-hots' in config file a.properties")
            .hasMessageContaining("--tls-ca");
    }

    @Test
    void kafkaTopicConfigsAreKeyValuePairsWhoseValuesMayBeLists()
    {
        final ReplicaConfig config = valid().read("kafka-topic-config", "retention.ms=604800000, cleanup.policy=compact,delete",
            "from --kafka-topic-config");

        assertThat(config.get(Settings.CDC_KAFKA_TOPIC_CONFIG))
            .containsExactly(Map.entry("retention.ms", "604800000"), Map.entry("cleanup.policy", "compact,delete"));
        assertThat(valid().get(Settings.CDC_KAFKA_TOPIC_CONFIG)).isEmpty();
        assertThat(valid().get(Settings.CDC_KAFKA_TOPIC_PARTITIONS)).as("the broker's default").isNull();
        assertThatThrownBy(valid().read("kafka-topic-config", "compact", "from --kafka-topic-config")::validate)
            .isInstanceOf(ConfigException.class).hasMessageContaining("--kafka-topic-config: 'compact' is no KEY=VALUE pair");
        assertThatThrownBy(valid().read("kafka-topic-config", "Retention=1", "from --kafka-topic-config")::validate)
            .isInstanceOf(ConfigException.class).hasMessageContaining("'Retention' in 'Retention=1' is no key");
        assertThatThrownBy(valid().read("kafka-topic-config", "a=1,a=2", "from --kafka-topic-config")::validate)
            .isInstanceOf(ConfigException.class).hasMessageContaining("'a' is given twice");
        assertThatThrownBy(valid().read("kafka-topic-partitions", "0", "from --kafka-topic-partitions")::validate)
            .isInstanceOf(ConfigException.class).hasMessageContaining("--kafka-topic-partitions: 0 is not in 1..100000");
    }

    @Test
    void onlyDynamicSettingsChangeAtRuntime()
    {
        final ReplicaConfig config = valid().validate();

        assertThat(config.setDynamic("rpl_semi_sync_replica_enabled", "0")).isSameAs(Settings.SEMISYNC);
        assertThat(config.get(Settings.SEMISYNC)).isFalse();
        assertThat(config.setDynamic("semisync", "ON")).isSameAs(Settings.SEMISYNC);
        assertThat(config.get(Settings.SEMISYNC)).isTrue();
        assertThatThrownBy(() -> config.setDynamic("rpl_semi_sync_replica_enabled", "2"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'2' is not a boolean");
        assertThatThrownBy(() -> config.setDynamic("server_id", "7"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("--server-id cannot change while the replica runs");
        assertThat(config.get(Settings.SERVER_ID)).isEqualTo(4242L);
    }

    @Test
    void adminUsersComeFromAStoredHashAPasswordOrAUsersFile() throws Exception
    {
        final String hash = ServerUser.storedHash(AuthMethod.MYSQL_NATIVE_PASSWORD, "pw");
        final Path users = java.nio.file.Files.writeString(dataDir.resolve("admins"), "# DBAs\nalice " + hash + "\n\nbob "
            + ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD, "pw2") + "\n");
        final ReplicaConfig config = valid().environment(Map.of("ADMIN_PW", "pw3")::get)
            .set(Settings.ADMIN_USER, "root")
            .set(Settings.ADMIN_PASSWORD_ENV, "ADMIN_PW")
            .set(Settings.ADMIN_USERS_FILE, users)
            .validate();

        assertThat(config.adminUsers()).extracting(ServerUser::name, ServerUser::method).containsExactly(
            org.assertj.core.groups.Tuple.tuple("root", AuthMethod.CACHING_SHA2_PASSWORD),
            org.assertj.core.groups.Tuple.tuple("alice", AuthMethod.MYSQL_NATIVE_PASSWORD),
            org.assertj.core.groups.Tuple.tuple("bob", AuthMethod.CACHING_SHA2_PASSWORD));
        assertThat(valid().validate().adminUsers()).as("no admin user: the admin endpoint stays off").isEmpty();
    }

    @Test
    void replicationUsersComeFromTheirOwnFileAndMustNotBeAdminUsers() throws Exception
    {
        final String hash = ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD, "pw");
        final Path replicators = java.nio.file.Files.writeString(dataDir.resolve("replicators"), "# downstream\nrepl " + hash + "\ncdc "
            + hash + "\n");
        final Path admins = java.nio.file.Files.writeString(dataDir.resolve("admins"), "cdc " + hash + "\n");

        final ReplicaConfig config = valid().set(Settings.SERVE_USERS_FILE, replicators).validate();
        assertThat(config.replicationUsers()).extracting(ServerUser::name).containsExactly("repl", "cdc");
        assertThat(config.adminUsers()).as("replication users do not administer").isEmpty();
        assertThat(valid().validate().replicationUsers()).isEmpty();
        assertThatThrownBy(valid().set(Settings.SERVE_USERS_FILE, replicators).set(Settings.ADMIN_USERS_FILE, admins)::validate)
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("user 'cdc' is both an admin user and in --serve-users-file: admin users may replicate already");
        final Path broken = java.nio.file.Files.writeString(dataDir.resolve("broken"), "repl\n");
        assertThatThrownBy(valid().set(Settings.SERVE_USERS_FILE, broken)::validate).isInstanceOf(ConfigException.class)
            .hasMessageContaining("--serve-users-file " + broken + " line 1: expected 'name hash', found 1 fields");
    }

    @Test
    void adminProblemsNameTheSettingThatFixesThem() throws Exception
    {
        final Path users = java.nio.file.Files.writeString(dataDir.resolve("admins"), "carol\ndave *123\n");
        final ReplicaConfig config = valid()
            .set(Settings.ADMIN_USER, "root")
            .set(Settings.ADMIN_USERS_FILE, users)
            .set(Settings.ADMIN_TLS_CERT, dataDir.resolve("missing-cert.pem"))
            .set(Settings.METRICS_PORT, 3307);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
            .hasMessageContaining("admin user 'root' has no password: give --admin-password-hash")
            .hasMessageContaining("--admin-users-file " + users + " line 1: expected 'name hash', found 1 fields")
            .hasMessageContaining("line 2: stored password hash of user 'dave'")
            .hasMessageContaining("--admin-tls-cert and --admin-tls-key go together")
            .hasMessageContaining("--admin-tls-cert " + dataDir.resolve("missing-cert.pem") + " is not a readable file")
            .hasMessageContaining("--admin-port and --metrics-port are both 3307");
    }

    @Test
    void everyProblemIsListedInOneException()
    {
        final ReplicaConfig config = new ReplicaConfig()
            .environment(name -> null)
            .set(Settings.SOURCE_PORT, 0)
            .set(Settings.SERVER_ID, -5L);

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

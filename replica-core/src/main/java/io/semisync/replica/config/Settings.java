package io.semisync.replica.config;

import io.semisync.protocol.binlog.compression.DecompressionLimit;
import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerSettings;
import io.semisync.protocol.tls.TlsMode;

import io.semisync.replica.cdc.kafka.KafkaTopicPer;
import io.semisync.storage.relaylog.RelayLogConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the replica, each with its name, default and doc line in one place. The command line's
 * flags, the config file's keys, {@code SHOW VARIABLES} and {@code SET GLOBAL} are all made from this table.
 */
public final class Settings
{
    public static final Setting<String> SOURCE_HOST = Setting.text("source-host", "HOST", "127.0.0.1", "Source host");
    public static final Setting<Integer> SOURCE_PORT = Setting.port("source-port", ConnectionConfig.DEFAULT_PORT, null, "Source port");
    public static final Setting<String> USER = Setting.text("user", "USER", null,
        "Replication user (needs REPLICATION SLAVE and REPLICATION CLIENT)");
    public static final Setting<Path> PASSWORD_FILE = Setting.path("password-file", "FILE",
        "File holding the replication user's password (trailing newline ignored)");
    public static final Setting<String> PASSWORD_ENV = Setting.text("password-env", "NAME", "SEMISYNC_SOURCE_PASSWORD",
        "Environment variable holding the replication user's password");
    public static final Setting<TlsMode> TLS_MODE = Setting.choice("tls-mode", TlsMode.class, ConnectionConfig.DEFAULT_TLS_MODE,
        "TLS towards the source, as the mysql client's --ssl-mode");
    public static final Setting<Path> TLS_CA = Setting.path("tls-ca", "FILE", "PEM file of the CA that signed the source's certificate");
    public static final Setting<Path> TLS_CERT = Setting.path("tls-cert", "FILE", "PEM file of our client certificate");
    public static final Setting<Path> TLS_KEY = Setting.path("tls-key", "FILE", "PEM file (PKCS#8) of our client key");
    public static final Setting<Boolean> ALLOW_PUBLIC_KEY_RETRIEVAL = Setting.bool("allow-public-key-retrieval", false,
        "Let caching_sha2_password fetch the source's RSA key without TLS");
    public static final Setting<Path> SERVER_PUBLIC_KEY = Setting.path("server-public-key", "FILE",
        "PEM file of the source's RSA public key for caching_sha2_password without TLS");
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("connect-timeout-ms", ChronoUnit.MILLIS,
        ConnectionConfig.DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(1), Duration.ofHours(1),
        "Time allowed for the TCP connect and then the login");
    public static final Setting<Long> SERVER_ID = Setting.number("server-id", "ID", 4_242L, 1, 0xFFFF_FFFFL,
        "Our server_id; must differ from every server's");
    public static final Setting<Path> DATA_DIR = Setting.path("data-dir", "DIR", "Data directory: the relay log lives here");
    public static final Setting<StartPosition> START_POSITION = Setting.choice("start-position", StartPosition.class,
        StartPosition.CURRENT, "With an empty relay log, where to start: the source's position now, or its oldest binlog");
    /**
     * The replica side's semisync switch, MySQL's {@code rpl_semi_sync_replica_enabled}: on by default (the product is a
     * semisync replica). A change by {@code SET GLOBAL} takes effect when the stream next (re)connects.
     */
    public static final Setting<Boolean> SEMISYNC = Setting.bool("semisync", true,
        "Register as a semisync replica when the source offers it, as MySQL's rpl_semi_sync_replica_enabled; a change "
        + "takes effect when replication next (re)connects")
        .alsoNamed("rpl-semi-sync-replica-enabled", "rpl-semi-sync-slave-enabled")
        .dynamic();
    public static final Setting<Duration> HEARTBEAT = Setting.duration("heartbeat-ms", ChronoUnit.MILLIS, Duration.ofSeconds(1),
        Duration.ofMillis(1), Duration.ofHours(1), "Heartbeat period asked of the source");
    /**
     * How long a sync for an ACK waits for the rest of a MariaDB commit group after its latest read: none by default,
     * since a group's transactions arrive in one read nearly always (benchmarks/README.md, "Commit groups").
     */
    public static final Setting<Duration> GROUP_COMMIT_WAIT = Setting.duration("group-commit-wait-us", ChronoUnit.MICROS,
        Duration.ZERO, Duration.ZERO, Duration.ofMillis(10), "How long a sync for an ACK waits for the rest of a MariaDB "
        + "commit group after its latest read; 0 syncs at once (a few hundred us at most is useful)");
    /**
     * The largest event packet accepted from the source, MySQL's {@code replica_max_allowed_packet}: 64 MiB by default, which
     * bounds the memory one event may take; MySQL's replica accepts up to 1 GiB. The relay log's blocks are sized to hold it.
     */
    public static final Setting<Long> MAX_ALLOWED_PACKET = Setting.number("replica-max-allowed-packet", "BYTES",
        (long)ConnectionConfig.DEFAULT_MAX_PACKET_SIZE, 1024, ConnectionConfig.MAX_PACKET_SIZE_LIMIT,
        "Largest event packet accepted from the source, as MySQL's replica_max_allowed_packet (at most 1 GiB)")
        .alsoNamed("slave-max-allowed-packet");
    public static final Setting<Duration> RECONNECT_MIN_BACKOFF = Setting.duration("reconnect-min-backoff-ms", ChronoUnit.MILLIS,
        Duration.ofMillis(100), Duration.ZERO, Duration.ofHours(1), "First wait before reconnecting; it doubles up to the maximum");
    public static final Setting<Duration> RECONNECT_MAX_BACKOFF = Setting.duration("reconnect-max-backoff-ms", ChronoUnit.MILLIS,
        Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1), "Longest wait before reconnecting");
    public static final Setting<Duration> RETENTION_MAX_AGE = Setting.duration("retention-max-age-hours", ChronoUnit.HOURS, null,
        Duration.ofHours(1), Duration.ofDays(365_000), "Delete relay-log files older than this (default: keep)");
    public static final Setting<Long> RETENTION_MAX_BYTES = Setting.number("retention-max-bytes", "BYTES", 0L, 0, Long.MAX_VALUE,
        "Delete the oldest relay-log files beyond this size; 0 keeps everything");
    public static final Setting<RelayLogFiles> RELAY_LOG_FILES = Setting.choice("relay-log-files", RelayLogFiles.class,
        RelayLogFiles.HOURLY, "Time one relay-log file covers, the unit of retention; a relay log keeps the one it was created with");
    public static final Setting<Long> RETENTION_READER_MAX_BYTES = Setting.number("retention-reader-max-bytes", "BYTES", 0L, 0,
        Long.MAX_VALUE, "Retention keeps what a registered reader (a downstream replica, a change feed) still needs while the "
        + "relay log holds at most this; beyond it, it deletes as without readers and tells each reader that fell behind; 0: no limit");
    public static final Setting<Duration> RETENTION_READER_EXPIRY = Setting.duration("retention-reader-expiry-hours", ChronoUnit.HOURS,
        Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(365_000), "A registered reader (a downstream replica's server UUID, a "
        + "change feed's output) not attached for this long is unregistered, so retention stops keeping the relay log for it");
    public static final Setting<Boolean> COMPRESS_RELAY_LOG = Setting.bool("compress-relay-log", false,
        "Compress closed relay-log files with zstd (NAME.cq4.zst), on a thread of their own; every reader reads them as before");
    public static final Setting<Long> ACK_JOURNAL_MB = Setting.numberOrZero("ack-journal-mb", "MIB",
        RelayLogConfig.DEFAULT_ACK_JOURNAL_SIZE >> 20, RelayLogConfig.MIN_ACK_JOURNAL_SIZE >> 20, RelayLogConfig.MAX_ACK_JOURNAL_SIZE >> 20,
        "Size of the ACK journal (relay-log/ack-journal), written full of zeros at the first ACK: an ACK waits for one "
        + "O_DIRECT|O_DSYNC write of it while the relay-log files are synced in the background; 0: no journal, an ACK waits for "
        + "an fdatasync of the relay-log file");
    public static final Setting<Long> STATUS_INTERVAL = Setting.number("status-interval-s", "SECONDS", 10L, 0, 86_400,
        "Print a status line this often; 0 for never");
    public static final Setting<Integer> ADMIN_PORT = Setting.port("admin-port", 3307, "any free port",
        "Port of the admin endpoint, which answers the mysql client (0: any free port, printed at start); it listens only when "
        + "an admin user is configured");
    public static final Setting<String> ADMIN_BIND_ADDRESS = Setting.text("admin-bind-address", "HOST", ServerSettings.DEFAULT_BIND_ADDRESS,
        "Address the admin endpoint listens on");
    public static final Setting<String> ADMIN_USER = Setting.text("admin-user", "USER", null,
        "Admin user of the admin endpoint; its password comes from --admin-password-hash, --admin-password-file or the environment");
    public static final Setting<String> ADMIN_PASSWORD_HASH = Setting.text("admin-password-hash", "HASH", null,
        "Stored hash of the admin user's password, as 'semisync-replica password-hash' prints it").secret();
    public static final Setting<Path> ADMIN_PASSWORD_FILE = Setting.path("admin-password-file", "FILE",
        "File holding the admin user's password (trailing newline ignored)");
    public static final Setting<String> ADMIN_PASSWORD_ENV = Setting.text("admin-password-env", "NAME", "SEMISYNC_ADMIN_PASSWORD",
        "Environment variable holding the admin user's password");
    public static final Setting<AuthMethod> ADMIN_AUTH_METHOD = Setting.choice("admin-auth-method", AuthMethod.class,
        AuthMethod.CACHING_SHA2_PASSWORD, "How the admin user with a password from a file or the environment logs in");
    public static final Setting<Path> ADMIN_USERS_FILE = Setting.path("admin-users-file", "FILE",
        "File of admin users, one 'name hash' per line ('semisync-replica password-hash' prints the hash; # starts a comment)");
    public static final Setting<Path> ADMIN_TLS_CERT = Setting.path("admin-tls-cert", "FILE",
        "PEM file of the admin endpoint's certificate; with --admin-tls-key it offers TLS");
    public static final Setting<Path> ADMIN_TLS_KEY = Setting.path("admin-tls-key", "FILE", "PEM file (PKCS#8) of the admin endpoint's key");
    public static final Setting<Integer> METRICS_PORT = Setting.port("metrics-port", null, "any free port",
        "Port of the Prometheus metrics endpoint, http://HOST:PORT/metrics (0: any free port, printed at start; default: off)");
    public static final Setting<Integer> SERVE_PORT = Setting.port("serve-port", null, "any free port",
        "Port of the replication endpoint, where downstream MySQL and MariaDB replicas and binlog clients log in as a "
        + "replication or admin user and replicate from the relay log (0: any free port, printed at start; default: off)");
    public static final Setting<Path> SERVE_USERS_FILE = Setting.path("serve-users-file", "FILE",
        "File of replication users, one 'name hash' per line, who may replicate from the replication endpoint but not log in "
        + "to the admin endpoint ('semisync-replica password-hash' prints the hash; # starts a comment)");
    public static final Setting<String> SERVE_BIND_ADDRESS = Setting.text("serve-bind-address", "HOST", ServerSettings.DEFAULT_BIND_ADDRESS,
        "Address the replication endpoint listens on");
    public static final Setting<Duration> SERVE_WRITE_TIMEOUT = Setting.duration("serve-write-timeout-ms", ChronoUnit.MILLIS,
        Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofHours(1), "How long a downstream replica or binlog client may leave "
        + "what the replication endpoint sends unread before its dump is cut off, as a source's net_write_timeout; nothing is "
        + "buffered for it meanwhile");
    public static final Setting<Long> UPSTREAM_ACK_WAITS_FOR = Setting.number("upstream-ack-waits-for", "N", 0L, 0, 1024,
        "Chained durability: our ACK to the source waits, after our own sync, until this many semisync downstream replicas of "
        + "the replication endpoint have ACKed the transaction too (0: it does not wait)");
    public static final Setting<Duration> UPSTREAM_ACK_TIMEOUT = Setting.duration("upstream-ack-timeout-ms", ChronoUnit.MILLIS,
        Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofHours(1), "How long an ACK to the source waits for the "
        + "downstream ACKs before ACKs follow our own sync alone until the downstreams catch up, as the source's "
        + "rpl_semi_sync_source_timeout");
    public static final Setting<String> METRICS_BIND_ADDRESS = Setting.text("metrics-bind-address", "HOST", "127.0.0.1",
        "Address the metrics endpoint listens on");

    /** The distant-replica experiment ({@code WanEmulation}): a change takes effect when the stream next (re)connects. */
    public static final Setting<Duration> ACK_DELAY = Setting.span("ack-delay", Duration.ofSeconds(10),
        "Experiment: delay each ACK this long after its sync, as if the replica were that far away (e.g. 2ms); 0 for none; a "
        + "change takes effect when replication next (re)connects").dynamic();
    public static final Setting<Duration> ACK_DELAY_JITTER = Setting.span("ack-delay-jitter", Duration.ofSeconds(10),
        "Experiment: vary each ACK's delay by up to this much either way, uniformly (e.g. 500us)").dynamic();
    public static final Setting<Duration> RECEIVE_DELAY = Setting.span("receive-delay", Duration.ofSeconds(10),
        "Experiment: take in the stream's bytes this long after they arrive, as if the link were that much longer (e.g. 2ms)")
        .dynamic();
    public static final Setting<Path> LATENCY_TRACE = Setting.path("latency-trace", "FILE",
        "Write one CSV line per acknowledged transaction with its times and stages into this file (default: none)");
    public static final Setting<Long> LATENCY_TRACE_MAX_MB = Setting.number("latency-trace-max-mb", "MIB", 64L, 1, 1L << 20,
        "Size at which the latency trace becomes FILE.1 and starts again, so it takes at most twice this");
    public static final Setting<Long> CDC_MAX_UNCOMPRESSED_BYTES = Setting.number("cdc-max-uncompressed-bytes", "BYTES", 512L << 20, 1,
        DecompressionLimit.MAX_BYTES, "cdc: the most bytes one compressed event (TRANSACTION_PAYLOAD, MariaDB's compressed "
        + "events) may decompress to; a larger one stops the feed with an error naming it, before memory is taken");
    public static final Setting<Boolean> CDC_SOURCE_COLUMNS = Setting.bool("cdc-source-columns", false,
        "cdc: when TABLE_MAP events carry no column names (binlog_row_metadata=MINIMAL), read them from the source's "
        + "information_schema.COLUMNS, connecting with --source-host, --source-port, --user and its password; without it "
        + "columns are named col_1, col_2, ...");

    public static final Setting<String> CDC_KAFKA_BOOTSTRAP = Setting.text("kafka-bootstrap", "HOST:PORT", null,
        "cdc: publish the changes to this Kafka cluster (bootstrap.servers, comma-separated), exactly once across kill -9, "
        + "instead of printing them");
    public static final Setting<String> CDC_KAFKA_TOPIC_PREFIX = Setting.text("kafka-topic-prefix", "PREFIX", "semisync",
        "cdc to Kafka: first part of the topic names (<prefix>.<db>.<table>); DDL goes to <prefix>, positions to <prefix>-positions");
    public static final Setting<KafkaTopicPer> CDC_KAFKA_TOPIC_PER = Setting.choice("kafka-topic-per", KafkaTopicPer.class,
        KafkaTopicPer.TABLE, "cdc to Kafka: one topic per table (<prefix>.<db>.<table>) or per database (<prefix>.<db>)");
    public static final Setting<String> CDC_KAFKA_TRANSACTIONAL_ID = Setting.text("kafka-transactional-id", "ID", null,
        "cdc to Kafka: the producer's transactional.id (with -cdc or -archive appended), which also keys the sink's position "
        + "(default: from the topic prefix and the data directory's path; keep it when moving the data directory)");
    public static final Setting<Long> CDC_KAFKA_TOPIC_PARTITIONS = Setting.number("kafka-topic-partitions", "N", null, 1, 100_000,
        "cdc to Kafka: partitions of each topic the sink creates when it is missing (default: the broker's num.partitions); "
        + "an existing topic with another count stops the sink");
    public static final Setting<Long> CDC_KAFKA_REPLICATION_FACTOR = Setting.number("kafka-replication-factor", "N", null, 1,
        Short.MAX_VALUE, "cdc to Kafka: replication factor of each topic the sink creates, its position topic included (default: "
        + "the broker's default.replication.factor); an existing topic with another one stops the sink");
    public static final Setting<Map<String, String>> CDC_KAFKA_TOPIC_CONFIG = Setting.pairs("kafka-topic-config",
        "cdc to Kafka: topic configs of each topic the sink creates, e.g. retention.ms=604800000,compression.type=zstd "
        + "(default: the broker's); an existing topic whose value differs stops the sink");

    private static final List<Setting<?>> ALL = List.of(
        SOURCE_HOST, SOURCE_PORT, USER, PASSWORD_FILE, PASSWORD_ENV, TLS_MODE, TLS_CA, TLS_CERT, TLS_KEY, ALLOW_PUBLIC_KEY_RETRIEVAL,
        SERVER_PUBLIC_KEY, CONNECT_TIMEOUT, SERVER_ID, DATA_DIR, START_POSITION, SEMISYNC, HEARTBEAT, GROUP_COMMIT_WAIT, MAX_ALLOWED_PACKET,
        ACK_DELAY, ACK_DELAY_JITTER, RECEIVE_DELAY, LATENCY_TRACE, LATENCY_TRACE_MAX_MB,
        RECONNECT_MIN_BACKOFF, RECONNECT_MAX_BACKOFF, RETENTION_MAX_AGE, RETENTION_MAX_BYTES, RELAY_LOG_FILES, STATUS_INTERVAL,
        RETENTION_READER_MAX_BYTES, RETENTION_READER_EXPIRY, COMPRESS_RELAY_LOG, ACK_JOURNAL_MB,
        ADMIN_PORT, ADMIN_BIND_ADDRESS, ADMIN_USER, ADMIN_PASSWORD_HASH, ADMIN_PASSWORD_FILE, ADMIN_PASSWORD_ENV, ADMIN_AUTH_METHOD,
        ADMIN_USERS_FILE, ADMIN_TLS_CERT, ADMIN_TLS_KEY, METRICS_PORT, METRICS_BIND_ADDRESS,
        SERVE_PORT, SERVE_BIND_ADDRESS, SERVE_USERS_FILE, SERVE_WRITE_TIMEOUT, UPSTREAM_ACK_WAITS_FOR, UPSTREAM_ACK_TIMEOUT,
        CDC_MAX_UNCOMPRESSED_BYTES, CDC_SOURCE_COLUMNS, CDC_KAFKA_BOOTSTRAP, CDC_KAFKA_TOPIC_PREFIX, CDC_KAFKA_TOPIC_PER,
        CDC_KAFKA_TRANSACTIONAL_ID, CDC_KAFKA_TOPIC_PARTITIONS, CDC_KAFKA_REPLICATION_FACTOR, CDC_KAFKA_TOPIC_CONFIG);

    private Settings()
    {
    }

    /** Every setting, in the order {@code --help} lists them. */
    public static List<Setting<?>> all()
    {
        return ALL;
    }

    /** The setting with this name or alias ({@code _} and {@code -} alike, any case). */
    public static Optional<Setting<?>> find(final String name)
    {
        return ALL.stream().filter(setting -> setting.isNamed(name)).findFirst();
    }
}

package io.semisync.replica.config;

import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.stream.SyncPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of the replica, each with its default. {@link #validate()} turns bad settings into one
 * message that lists them all, before anything starts.
 */
public final class ReplicaConfig
{
    /** How often retention runs when it is configured. */
    public static final Duration RETENTION_PERIOD = Duration.ofSeconds(10);
    /** Default port of the source. */
    public static final int DEFAULT_SOURCE_PORT = 3306;
    /** Our server_id when none is configured. */
    public static final long DEFAULT_SERVER_ID = 4_242;
    /** How often the source sends a heartbeat when it has nothing else to send. */
    public static final Duration DEFAULT_HEARTBEAT_PERIOD = Duration.ofSeconds(1);
    /** The stream is considered dead after this many heartbeat periods of silence. */
    public static final int MISSED_HEARTBEATS_BEFORE_RECONNECT = 4;
    /** First wait before reconnecting; it doubles up to {@link #DEFAULT_RECONNECT_MAX_BACKOFF}. */
    public static final Duration DEFAULT_RECONNECT_MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * How long a sync for an ACK waits for the rest of a MariaDB commit group after its latest read: none by default,
     * since a group's transactions arrive in one read nearly always (benchmarks/README.md, "Commit groups").
     */
    public static final Duration DEFAULT_GROUP_COMMIT_WAIT = Duration.ZERO;
    /** Unsynced bytes after which a sync nobody waits for (a catch-up's) starts in the background. */
    public static final long BULK_SYNC_BYTES = 16L << 20;
    /** How soon what no ACK waits for is synced after the read that appended it. */
    public static final Duration IDLE_SYNC_DELAY = Duration.ofMillis(100);

    public String sourceHost = "127.0.0.1";
    public int sourcePort = DEFAULT_SOURCE_PORT;
    public String user;
    public String password;
    public TlsMode tlsMode = TlsMode.PREFERRED;
    public Path tlsCa;
    public Path tlsCertificate;
    public Path tlsKey;
    public boolean allowPublicKeyRetrieval;
    public Path serverPublicKey;
    public long serverId = DEFAULT_SERVER_ID;
    public Path dataDirectory;
    public StartPosition startPosition = StartPosition.CURRENT;
    public boolean semisync = true;
    public Duration heartbeatPeriod = DEFAULT_HEARTBEAT_PERIOD;
    public Duration groupCommitWait = DEFAULT_GROUP_COMMIT_WAIT;
    public Duration connectTimeout = Duration.ofSeconds(10);
    public Duration reconnectMinBackoff = DEFAULT_RECONNECT_MIN_BACKOFF;
    public Duration reconnectMaxBackoff = DEFAULT_RECONNECT_MAX_BACKOFF;
    public RelayLogFiles relayLogFiles = RelayLogFiles.HOURLY;
    public Duration retentionMaxAge;
    public long retentionMaxBytes;

    /**
     * Checks every setting.
     *
     * @throws ConfigException listing each problem and how to fix it
     */
    public ReplicaConfig validate()
    {
        final List<String> problems = new ArrayList<>();
        if (sourceHost == null || sourceHost.isBlank())
        {
            problems.add("source host is empty: set --source-host (config key source-host)");
        }
        if (sourcePort < 1 || sourcePort > 65_535)
        {
            problems.add("source port " + sourcePort + " is not in 1..65535: set --source-port");
        }
        if (user == null || user.isBlank())
        {
            problems.add("no replication user: set --user (config key user)");
        }
        if (password == null)
        {
            problems.add("no password: give --password-file, or set the environment variable named by --password-env "
                + "(default SEMISYNC_SOURCE_PASSWORD); use an empty file for an empty password");
        }
        if (serverId < 1 || serverId > 0xFFFF_FFFFL)
        {
            problems.add("--server-id " + serverId + " is not in 1..4294967295");
        }
        if (dataDirectory == null)
        {
            problems.add("no data directory: set --data-dir (config key data-dir)");
        }
        if (heartbeatPeriod.isNegative() || heartbeatPeriod.isZero() || heartbeatPeriod.compareTo(Duration.ofHours(1)) > 0)
        {
            problems.add("--heartbeat-ms: the heartbeat period " + heartbeatPeriod + " must be above 0 and at most an hour");
        }
        if (groupCommitWait.isNegative() || groupCommitWait.compareTo(Duration.ofMillis(10)) > 0)
        {
            problems.add("--group-commit-wait-us: " + groupCommitWait.toNanos() / 1000 + " us is not in 0..10000 "
                + "(0 syncs at once; a few hundred us at most is useful)");
        }
        if (reconnectMinBackoff.isNegative() || reconnectMaxBackoff.compareTo(reconnectMinBackoff) < 0)
        {
            problems.add("reconnect backoff must satisfy 0 <= min <= max, got min " + reconnectMinBackoff + " and max " + reconnectMaxBackoff);
        }
        if (retentionMaxBytes < 0)
        {
            problems.add("--retention-max-bytes " + retentionMaxBytes + " is negative (0 keeps everything)");
        }
        if (tlsMode.requiresCa() && tlsCa == null)
        {
            problems.add("TLS mode " + tlsMode + " verifies the server's certificate: set --tls-ca to the CA's PEM file");
        }
        if (problems.isEmpty())
        {
            try
            {
                connectionConfig().validate();
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                problems.add(ex.getMessage());
            }
        }
        if (!problems.isEmpty())
        {
            throw new ConfigException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return this;
    }

    /** The login settings for the protocol client. */
    public ConnectionConfig connectionConfig()
    {
        return ConnectionConfig.builder()
            .host(sourceHost)
            .port(sourcePort)
            .user(user)
            .password(password)
            .tlsMode(tlsMode)
            .tlsCaPath(tlsCa)
            .tlsCertificatePath(tlsCertificate)
            .tlsKeyPath(tlsKey)
            .allowPublicKeyRetrieval(allowPublicKeyRetrieval)
            .serverPublicKeyPath(serverPublicKey)
            .connectTimeout(connectTimeout)
            .build();
    }

    /** When the stream syncs. */
    public SyncPolicy syncPolicy()
    {
        return new SyncPolicy(groupCommitWait.toNanos(), BULK_SYNC_BYTES, IDLE_SYNC_DELAY.toNanos());
    }

    /** Where the source is, for messages. */
    public String sourceAddress()
    {
        return sourceHost + ":" + sourcePort;
    }
}

package io.semisync.replica.config;

import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.server.ServerUser;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.stream.SyncPolicy;
import io.semisync.replica.stream.WanEmulation;

import io.semisync.storage.relaylog.RelayLogConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static io.semisync.replica.config.Settings.ADMIN_PORT;
import static io.semisync.replica.config.Settings.ADMIN_TLS_CERT;
import static io.semisync.replica.config.Settings.ADMIN_TLS_KEY;
import static io.semisync.replica.config.Settings.CONNECT_TIMEOUT;
import static io.semisync.replica.config.Settings.DATA_DIR;
import static io.semisync.replica.config.Settings.METRICS_PORT;
import static io.semisync.replica.config.Settings.PASSWORD_ENV;
import static io.semisync.replica.config.Settings.PASSWORD_FILE;
import static io.semisync.replica.config.Settings.RECONNECT_MAX_BACKOFF;
import static io.semisync.replica.config.Settings.RECONNECT_MIN_BACKOFF;
import static io.semisync.replica.config.Settings.SOURCE_HOST;
import static io.semisync.replica.config.Settings.SOURCE_PORT;
import static io.semisync.replica.config.Settings.TLS_CA;
import static io.semisync.replica.config.Settings.TLS_MODE;
import static io.semisync.replica.config.Settings.USER;

/**
 * The values of the replica's {@link Settings}: what flags, the config file or the caller set, the defaults for
 * the rest. {@link #validate()} turns every bad setting into one message that lists them all, each with the flag
 * that fixes it, before anything starts. Dynamic settings may change later ({@link #setDynamic}); every thread
 * reads the current value with {@link #get}.
 */
public final class ReplicaConfig
{
    /** How often the GTID checkpoint moves up to the last durable transaction, and retention runs when it is configured. */
    public static final Duration RETENTION_PERIOD = Duration.ofSeconds(10);
    /** Room for a relay-log record's prefix and Chronicle's header beside the largest event, when sizing blocks. */
    private static final long RELAY_LOG_RECORD_PREFIX_ALLOWANCE = 4096;
    /** The same event failing the same way this many times in a row (a packet too large, a CRC32 mismatch) stops the replica. */
    public static final int SAME_EVENT_FAILURES_BEFORE_STOP = 5;
    /** The stream is considered dead after this many heartbeat periods of silence. */
    public static final int MISSED_HEARTBEATS_BEFORE_RECONNECT = 4;
    /** Unsynced bytes after which a sync nobody waits for (a catch-up's) starts in the background. */
    public static final long BULK_SYNC_BYTES = 16L << 20;
    /** How soon what no ACK waits for is synced after the read that appended it. */
    public static final Duration IDLE_SYNC_DELAY = Duration.ofMillis(100);

    private final Map<Setting<?>, Object> values = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Function<String, String> environment = System::getenv;
    private String password;
    private List<ServerUser> adminUsers = List.of();
    private List<ServerUser> replicationUsers = List.of();

    /** The current value of a setting: what was set, or its default (null when it has none). */
    @SuppressWarnings("unchecked")
    public <T> T get(final Setting<T> setting)
    {
        final Object value = values.get(setting);
        return value == null ? setting.defaultValue() : (T)value;
    }

    /** Sets a value; null goes back to the default. Checked by {@link #validate()}. */
    public <T> ReplicaConfig set(final Setting<T> setting, final T value)
    {
        if (value == null)
        {
            values.remove(setting);
        }
        else
        {
            values.put(setting, value);
        }
        return this;
    }

    /**
     * Sets a setting from its text, as a flag or the config file gives it. A problem (an unknown name, text that is
     * no value of the setting) is kept for {@link #validate()} to report with the others.
     *
     * @param origin where the text came from, for the message (a flag, a config file)
     */
    public ReplicaConfig read(final String name, final String text, final String origin)
    {
        try
        {
            parseInto(Settings.find(name).orElseThrow(() -> new ConfigException("unknown setting '" + name + "' " + origin
                + ": the settings are the flags of run --help, without their leading dashes")), text, origin);
        }
        catch (final ConfigException ex)
        {
            problems.add(ex.getMessage());
        }
        return this;
    }

    /**
     * Checks only what {@link #read} found, for commands that need a few settings, not a whole replica.
     *
     * @throws ConfigException listing each problem
     */
    public ReplicaConfig validateRead()
    {
        if (!problems.isEmpty())
        {
            throw new ConfigException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return this;
    }

    /**
     * Changes a dynamic setting while the replica runs ({@code SET GLOBAL}); the same text a flag would take.
     *
     * @throws ConfigException when no setting has that name, it cannot change at runtime, or the text is no value of it
     */
    public Setting<?> setDynamic(final String name, final String text)
    {
        final Setting<?> setting = Settings.find(name).orElseThrow(() -> new ConfigException("unknown setting '" + name + "'"));
        if (!setting.isDynamic())
        {
            throw new ConfigException(setting.flag() + " cannot change while the replica runs: set it in the configuration and restart");
        }
        parseInto(setting, text, "");
        return setting;
    }

    private <T> void parseInto(final Setting<T> setting, final String text, final String origin)
    {
        try
        {
            set(setting, setting.parse(text));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(setting.flag() + ": " + ex.getMessage() + (origin.isEmpty() ? "" : " (" + origin + ")"));
        }
    }

    /** The replication user's password given directly, in place of {@link Settings#PASSWORD_FILE} or the environment. */
    public ReplicaConfig password(final String password)
    {
        this.password = password;
        return this;
    }

    /** Where {@link Settings#PASSWORD_ENV} is looked up; the process environment by default. */
    public ReplicaConfig environment(final Function<String, String> environment)
    {
        this.environment = environment;
        return this;
    }

    /** The environment variables, as {@link #environment} gives them. */
    public String environmentVariable(final String name)
    {
        return environment.apply(name);
    }

    /**
     * Checks every setting and reads the password from its file or the environment.
     *
     * @throws ConfigException listing each problem and how to fix it
     */
    public ReplicaConfig validate()
    {
        final List<String> found = new ArrayList<>(problems);
        for (final Setting<?> setting : Settings.all())
        {
            checkValue(setting, found);
        }
        if (get(SOURCE_HOST) == null || get(SOURCE_HOST).isBlank())
        {
            found.add("source host is empty: set " + SOURCE_HOST.flag() + " (config key " + SOURCE_HOST.name() + ")");
        }
        if (get(USER) == null || get(USER).isBlank())
        {
            found.add("no replication user: set " + USER.flag() + " (config key " + USER.name() + ")");
        }
        if (password == null)
        {
            password = readPassword(found);
        }
        if (get(DATA_DIR) == null)
        {
            found.add("no data directory: set " + DATA_DIR.flag() + " (config key " + DATA_DIR.name() + ")");
        }
        if (get(RECONNECT_MAX_BACKOFF).compareTo(get(RECONNECT_MIN_BACKOFF)) < 0)
        {
            found.add("reconnect backoff must satisfy min <= max, got min " + get(RECONNECT_MIN_BACKOFF) + " and max "
                + get(RECONNECT_MAX_BACKOFF) + ": set " + RECONNECT_MIN_BACKOFF.flag() + " and " + RECONNECT_MAX_BACKOFF.flag());
        }
        if (get(TLS_MODE).requiresCa() && get(TLS_CA) == null)
        {
            found.add("TLS mode " + get(TLS_MODE) + " verifies the server's certificate: set " + TLS_CA.flag() + " to the CA's PEM file");
        }
        adminUsers = AdminUsers.read(this, found);
        replicationUsers = AdminUsers.replicationUsers(this, adminUsers, found);
        checkAdminEndpoints(found);
        if (found.isEmpty())
        {
            try
            {
                connectionConfig().validate();
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                found.add(ex.getMessage());
            }
        }
        if (!found.isEmpty())
        {
            throw new ConfigException("invalid configuration:\n  - " + String.join("\n  - ", found));
        }
        return this;
    }

    private void checkAdminEndpoints(final List<String> found)
    {
        if ((get(ADMIN_TLS_CERT) == null) != (get(ADMIN_TLS_KEY) == null))
        {
            found.add(ADMIN_TLS_CERT.flag() + " and " + ADMIN_TLS_KEY.flag() + " go together: the admin endpoint's certificate and its key");
        }
        for (final Setting<Path> file : List.of(ADMIN_TLS_CERT, ADMIN_TLS_KEY))
        {
            if (get(file) != null && !Files.isReadable(get(file)))
            {
                found.add(file.flag() + " " + get(file) + " is not a readable file");
            }
        }
        final Integer metricsPort = get(METRICS_PORT);
        final boolean adminConfigured = get(Settings.ADMIN_USER) != null || get(Settings.ADMIN_USERS_FILE) != null;
        if (adminConfigured && metricsPort != null && metricsPort != 0 && metricsPort.equals(get(ADMIN_PORT)))
        {
            found.add(ADMIN_PORT.flag() + " and " + METRICS_PORT.flag() + " are both " + metricsPort + ": give each its own port");
        }
    }

    /** The admin endpoint's users, read by {@link #validate()}; empty when none is configured (then it does not listen). */
    public List<ServerUser> adminUsers()
    {
        return adminUsers;
    }

    /** The users of {@code --serve-users-file}, who may replicate but not administer; read by {@link #validate()}. */
    public List<ServerUser> replicationUsers()
    {
        return replicationUsers;
    }

    private <T> void checkValue(final Setting<T> setting, final List<String> found)
    {
        final String problem = setting.check(get(setting));
        if (problem != null)
        {
            found.add(setting.flag() + ": " + problem);
        }
    }

    private String readPassword(final List<String> found)
    {
        final Path file = get(PASSWORD_FILE);
        if (file != null)
        {
            try
            {
                return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
            }
            catch (final IOException ex)
            {
                found.add("cannot read " + PASSWORD_FILE.flag() + " " + file + ": " + ex.getMessage());
                return null;
            }
        }
        final String fromEnvironment = environment.apply(get(PASSWORD_ENV));
        if (fromEnvironment == null)
        {
            found.add("no password: give " + PASSWORD_FILE.flag() + ", or set the environment variable named by " + PASSWORD_ENV.flag()
                + " (default " + PASSWORD_ENV.defaultValue() + "); use an empty file for an empty password");
        }
        return fromEnvironment;
    }

    /** The login settings for the protocol client. */
    public ConnectionConfig connectionConfig()
    {
        final TlsMode tlsMode = get(TLS_MODE);
        return ConnectionConfig.builder()
            .host(get(SOURCE_HOST))
            .port(get(SOURCE_PORT))
            .user(get(USER))
            .password(password)
            .tlsMode(tlsMode)
            .tlsCaPath(get(TLS_CA))
            .tlsCertificatePath(get(Settings.TLS_CERT))
            .tlsKeyPath(get(Settings.TLS_KEY))
            .allowPublicKeyRetrieval(get(Settings.ALLOW_PUBLIC_KEY_RETRIEVAL))
            .serverPublicKeyPath(get(Settings.SERVER_PUBLIC_KEY))
            .connectTimeout(get(CONNECT_TIMEOUT))
            .maxPacketSize(get(Settings.MAX_ALLOWED_PACKET).intValue())
            .build();
    }

    /**
     * The relay log's block size: Chronicle's default, or for a packet cap above 64 MiB a block that holds an event of
     * that size with its record prefix (a record may take a quarter of a block).
     */
    public long relayLogBlockSize()
    {
        final long largestRecord = get(Settings.MAX_ALLOWED_PACKET) + RELAY_LOG_RECORD_PREFIX_ALLOWANCE;
        final long needed = 4 * largestRecord;
        return needed <= RelayLogConfig.DEFAULT_BLOCK_SIZE ? RelayLogConfig.DEFAULT_BLOCK_SIZE : Long.highestOneBit(needed - 1) << 1;
    }

    /** When the stream syncs. */
    public SyncPolicy syncPolicy()
    {
        return new SyncPolicy(get(Settings.GROUP_COMMIT_WAIT).toNanos(), BULK_SYNC_BYTES, IDLE_SYNC_DELAY.toNanos());
    }

    /** The distant-replica experiment, {@link WanEmulation#NONE} unless asked for. */
    public WanEmulation wanEmulation()
    {
        return new WanEmulation(get(Settings.ACK_DELAY), get(Settings.ACK_DELAY_JITTER), get(Settings.RECEIVE_DELAY));
    }

    /** Where the source is, for messages. */
    public String sourceAddress()
    {
        return get(SOURCE_HOST) + ":" + get(SOURCE_PORT);
    }
}

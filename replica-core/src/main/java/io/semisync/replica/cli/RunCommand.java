package io.semisync.replica.cli;

import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.Replica;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.RelayLogFiles;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.StartPosition;
import io.semisync.storage.RelayLogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/** {@code semisync-replica run}: replicate until stopped (SIGTERM or Ctrl-C), then print the ACK latency. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Replicate from the source into the relay log.")
final class RunCommand implements Callable<Integer>
{
    @Option(names = "--config", description = "Properties file with any of these options (keys without the leading dashes).")
    Path config;

    @Option(names = "--source-host", description = "Source host (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String sourceHost;

    @Option(names = "--source-port", description = "Source port (default: ${DEFAULT-VALUE}).", defaultValue = "3306")
    int sourcePort;

    @Option(names = "--user", description = "Replication user (needs REPLICATION SLAVE and REPLICATION CLIENT).")
    String user;

    @Option(names = "--password-file", description = "File holding the password (trailing newline ignored).")
    Path passwordFile;

    @Option(names = "--password-env", description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).",
        defaultValue = "SEMISYNC_SOURCE_PASSWORD")
    String passwordEnv;

    @Option(names = "--tls-mode", description = "DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY (default: ${DEFAULT-VALUE}).",
        defaultValue = "PREFERRED")
    TlsMode tlsMode;

    @Option(names = "--tls-ca", description = "PEM file of the CA that signed the source's certificate.")
    Path tlsCa;

    @Option(names = "--tls-cert", description = "PEM file of our client certificate.")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM file (PKCS#8) of our client key.")
    Path tlsKey;

    @Option(names = "--allow-public-key-retrieval", description = "Let caching_sha2_password fetch the source's RSA key without TLS.")
    boolean allowPublicKeyRetrieval;

    @Option(names = "--server-public-key", description = "PEM file of the source's RSA public key for caching_sha2_password without TLS.")
    Path serverPublicKey;

    @Option(names = "--server-id", description = "Our server_id; must differ from every server's (default: ${DEFAULT-VALUE}).",
        defaultValue = "4242")
    long serverId;

    @Option(names = "--data-dir", description = "Data directory: the relay log lives here.")
    Path dataDir;

    @Option(names = "--start-position", description = "With an empty relay log: CURRENT (the source's position now) or OLDEST "
        + "(its oldest binlog) (default: ${DEFAULT-VALUE}).", defaultValue = "CURRENT")
    StartPosition startPosition;

    @Option(names = "--semisync", description = "Register as a semisync replica when the source offers it (default: ${DEFAULT-VALUE}).",
        defaultValue = "true", arity = "1")
    boolean semisync;

    @Option(names = "--heartbeat-ms", description = "Heartbeat period asked of the source (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    long heartbeatMillis;

    @Option(names = "--group-commit-wait-us", description = "How long a sync for an ACK waits for the rest of a MariaDB commit "
        + "group after its latest read, in microseconds; 0 syncs at once (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long groupCommitWaitMicros;

    @Option(names = "--retention-max-age-hours", description = "Delete relay-log files older than this (default: keep).")
    Long retentionMaxAgeHours;

    @Option(names = "--retention-max-bytes", description = "Delete the oldest relay-log files beyond this size (default: 0, keep).",
        defaultValue = "0")
    long retentionMaxBytes;

    @Option(names = "--relay-log-files", description = "Time one relay-log file covers, the unit of retention: MINUTELY, HOURLY or "
        + "DAILY (default: ${DEFAULT-VALUE}); a relay log keeps the one it was created with.", defaultValue = "HOURLY")
    RelayLogFiles relayLogFiles;

    @Option(names = "--status-interval-s", description = "Print a status line this often; 0 for never (default: ${DEFAULT-VALUE}).",
        defaultValue = "10")
    long statusIntervalSeconds;

    @Override
    public Integer call() throws InterruptedException
    {
        final Replica replica;
        try
        {
            replica = Replica.start(replicaConfig());
        }
        catch (final ConfigException | RelayLogException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return 2;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread shutdown = new Thread(() ->
        {
            replica.close();
            System.out.println("final status: " + replica.status().summary());
            replica.ackLatency().print(System.out);
            System.out.flush();
            stopped.countDown();
        }, "semisync-replica-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        System.out.println("semisync-replica " + replica.status().summary());
        while (!replica.terminated().isDone())
        {
            Thread.sleep(statusIntervalSeconds > 0 ? statusIntervalSeconds * 1000 : 1000);
            if (statusIntervalSeconds > 0)
            {
                System.out.println("status: " + replica.status().summary());
            }
        }
        try
        {
            replica.terminated().join();
            return 0;
        }
        catch (final CompletionException ex)
        {
            System.err.println("semisync-replica: " + ex.getCause().getMessage());
            return 1;
        }
    }

    private ReplicaConfig replicaConfig()
    {
        final ReplicaConfig replica = new ReplicaConfig();
        replica.sourceHost = sourceHost;
        replica.sourcePort = sourcePort;
        replica.user = user;
        replica.password = password();
        replica.tlsMode = tlsMode;
        replica.tlsCa = tlsCa;
        replica.tlsCertificate = tlsCert;
        replica.tlsKey = tlsKey;
        replica.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
        replica.serverPublicKey = serverPublicKey;
        replica.serverId = serverId;
        replica.dataDirectory = dataDir;
        replica.startPosition = startPosition;
        replica.semisync = semisync;
        replica.heartbeatPeriod = Duration.ofMillis(heartbeatMillis);
        replica.groupCommitWait = Duration.ofNanos(groupCommitWaitMicros * 1000);
        replica.retentionMaxAge = retentionMaxAgeHours == null ? null : Duration.ofHours(retentionMaxAgeHours);
        replica.relayLogFiles = relayLogFiles;
        replica.retentionMaxBytes = retentionMaxBytes;
        return replica;
    }

    private String password()
    {
        if (passwordFile != null)
        {
            try
            {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).stripTrailing();
            }
            catch (final IOException ex)
            {
                throw new ConfigException("cannot read --password-file " + passwordFile + ": " + ex.getMessage());
            }
        }
        return System.getenv(passwordEnv);
    }
}

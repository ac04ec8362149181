package io.semisync.it.admin;

import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.sources.SourceServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replica in a JVM of its own ({@link ReplicaProcess}) with its admin endpoint and metrics endpoint on free
 * ports, and two admin users: {@value #ADMIN} ({@code caching_sha2_password}) and {@value #DBA}
 * ({@code mysql_native_password}), from an admin users file of stored hashes.
 */
public final class AdminReplica implements AutoCloseable
{
    public static final String ADMIN = "admin";
    static final String DBA = "dba";
    public static final String PASSWORD = "admin-Secret-1";
    private static final Pattern ADMIN_LINE = Pattern.compile("semisync-replica admin endpoint ([0-9.]+):(\\d+) ");
    private static final Pattern METRICS_LINE = Pattern.compile("semisync-replica metrics (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ReplicaProcess process;
    private final InetSocketAddress admin;
    private final String metricsUrl;

    private AdminReplica(final ReplicaProcess process, final InetSocketAddress admin, final String metricsUrl)
    {
        this.process = process;
        this.admin = admin;
        this.metricsUrl = metricsUrl;
    }

    /**
     * Starts a replica of {@code server} through {@code host:port} (the source's or a proxy's).
     *
     * @param extraArgs further options of {@code run}
     */
    public static AdminReplica start(final Class<?> test, final SourceServer server, final String host, final int port, final Path dataDir,
        final String... extraArgs)
    {
        final Path users = dataDir.resolveSibling(dataDir.getFileName() + "-admin-users");
        try
        {
            Files.writeString(users, ADMIN + " " + ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD) + "\n"
                + DBA + " " + ServerUser.storedHash(AuthMethod.MYSQL_NATIVE_PASSWORD, PASSWORD) + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<String> args = new ArrayList<>(List.of("--admin-users-file", users.toString(), "--admin-port", "0",
            "--metrics-port", "0"));
        args.addAll(List.of(extraArgs));
        final ReplicaProcess process = ReplicaProcess.start("replica", host, port, server.replicationUser(), dataDir,
            ReplicaLogs.directory(test, server.flavor()), args.toArray(String[]::new)).secret(PASSWORD);
        Waits.until("the admin and metrics endpoints", START_TIMEOUT,
            () -> ADMIN_LINE.matcher(process.stdout()).find() && METRICS_LINE.matcher(process.stdout()).find(), process::logTail);
        final Matcher adminLine = ADMIN_LINE.matcher(process.stdout());
        final Matcher metricsLine = METRICS_LINE.matcher(process.stdout());
        adminLine.find();
        metricsLine.find();
        return new AdminReplica(process, new InetSocketAddress(adminLine.group(1), Integer.parseInt(adminLine.group(2))),
            metricsLine.group(1));
    }

    public ReplicaProcess process()
    {
        return process;
    }

    /** Where the admin endpoint listens. */
    InetSocketAddress admin()
    {
        return admin;
    }

    /** The JDBC URL of the admin endpoint, without TLS (caching_sha2_password then fetches the RSA key). */
    public String jdbcUrl()
    {
        return "jdbc:mysql://" + admin.getHostString() + ":" + admin.getPort() + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    String metricsUrl()
    {
        return metricsUrl;
    }

    /** Stops the replica with SIGTERM and checks that it stopped cleanly. */
    public void stop()
    {
        process.stop();
    }

    @Override
    public void close()
    {
        process.close();
    }
}

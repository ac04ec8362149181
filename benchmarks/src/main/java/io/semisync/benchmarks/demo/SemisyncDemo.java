package io.semisync.benchmarks.demo;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.benchmarks.load.RelayLogSummary;
import io.semisync.benchmarks.load.SemisyncCounters;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.replica.Replica;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.SemisyncMode;
import io.semisync.replica.admin.AdminListener;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import io.semisync.sources.ClientPrograms;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The README's first command: brings up a real local source, starts the replica with semisync, writes load
 * for a few seconds, and shows the source's own semisync counters before and after, the ACK latency inside
 * the replica, what the relay log holds, and the client command for the replica's admin endpoint with its answer to the
 * MySQL manual's semisync check. Arguments: {@code [mysql|mariadb] [seconds] [clients]}.
 */
public final class SemisyncDemo
{
    private static final PrintStream OUT = System.out;
    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "demo";

    private SemisyncDemo()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Flavor flavor = args.length > 0 ? Flavor.valueOf(args[0].toUpperCase(Locale.ROOT)) : Flavor.MYSQL;
        final Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        final int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        final Path dataDirectory = Path.of("target", "demo-replica");
        deleteRecursively(dataDirectory);

        OUT.println("== Starting a local " + flavor + " source (" + SourceServers.mode() + ")");
        try (SourceServer source = SourceServers.start(flavor))
        {
            OUT.println("   " + source);
            final CommitLoad load = new CommitLoad(source);
            OUT.println("== Starting semisync-replica, relay log in " + dataDirectory.toAbsolutePath());
            final Replica replica = Replica.start(config(source, dataDirectory));
            final AdminListener admin = AdminListener.start(replica, Clock.systemDefaultZone()).orElseThrow();
            try
            {
                awaitSemisync(source, replica);
                load.awaitSemisyncOn();
                OUT.println("   " + replica.status().summary());
                final SemisyncCounters before = SemisyncCounters.of(source);
                OUT.println("== Source counters before: " + before.describe(source));
                OUT.printf("== Writing autocommit %d-byte INSERTs from %d clients for %d s%n", CommitLoad.ROW_BYTES, clients,
                    duration.toSeconds());
                final LoadResult result = load.run(clients, duration, Long.MAX_VALUE);
                final SemisyncCounters after = SemisyncCounters.of(source);
                OUT.println("== Source counters after:  " + after.describe(source));
                OUT.printf("   %d commits, %.0f commits/s, commit latency p50 %.2f ms, p99 %.2f ms%n",
                    result.commits(), result.commitsPerSecond(), result.p50Millis(), result.p99Millis());
                OUT.printf("   yes_tx rose by %d (MySQL counts binlog group commits, MariaDB transactions), no_tx rose by %d%n",
                    after.yesTx() - before.yesTx(), after.noTx() - before.noTx());
                OUT.println("== Replica: " + replica.status().summary());
                replica.ackLatency().print(OUT);
                showAdminEndpoint(flavor, admin.localAddress().getPort());
            }
            finally
            {
                admin.close();
                replica.close();
            }
            OUT.println("== What the relay log holds (semisync-replica dump --data-dir " + dataDirectory + " lists it all)");
            RelayLogSummary.read(dataDirectory, 8).print(OUT);
        }
    }

    /** Prints the client command that logs in to the admin endpoint, and runs it as the MySQL manual's last check. */
    private static void showAdminEndpoint(final Flavor flavor, final int port) throws IOException, InterruptedException
    {
        final String[] login = {"-h", "127.0.0.1", "-P", Integer.toString(port), "-u", ADMIN_USER};
        final List<String> command = new ArrayList<>(flavor == Flavor.MYSQL ? ClientPrograms.mysql(login) : ClientPrograms.mariadb(login));
        if (flavor == Flavor.MYSQL)
        {
            command.add("--get-server-public-key");
        }
        OUT.println("== The replica's admin endpoint answers the " + (flavor == Flavor.MYSQL ? "mysql" : "mariadb") + " client (while the "
            + "replica runs; semisync-replica run --admin-user ... keeps one open):");
        OUT.println("   MYSQL_PWD=" + ADMIN_PASSWORD + " " + String.join(" ", command));
        command.addAll(List.of("-e", "SHOW STATUS LIKE 'Rpl_semi_sync%'; SHOW VARIABLES LIKE 'rpl_semi_sync_replica_enabled'"));
        final ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("MYSQL_PWD", ADMIN_PASSWORD);
        final Process client = builder.start();
        if (client.waitFor() != 0)
        {
            throw new IllegalStateException("the client could not query the admin endpoint: " + String.join(" ", command));
        }
    }

    private static ReplicaConfig config(final SourceServer source, final Path dataDirectory)
    {
        return new ReplicaConfig()
            .set(Settings.SOURCE_HOST, source.host())
            .set(Settings.SOURCE_PORT, source.port())
            .set(Settings.USER, source.replicationUser().name())
            .password(source.replicationUser().password())
            .set(Settings.TLS_MODE, TlsMode.VERIFY_IDENTITY)
            .set(Settings.TLS_CA, source.tls().ca())
            .set(Settings.SERVER_ID, source.serverId() + 100)
            .set(Settings.DATA_DIR, dataDirectory)
            .set(Settings.ADMIN_USER, ADMIN_USER)
            .set(Settings.ADMIN_PASSWORD_HASH, ServerUser.storedHash(source.flavor() == Flavor.MYSQL
                ? AuthMethod.CACHING_SHA2_PASSWORD : AuthMethod.MYSQL_NATIVE_PASSWORD, ADMIN_PASSWORD))
            .set(Settings.ADMIN_PORT, 0);
    }

    private static void awaitSemisync(final SourceServer source, final Replica replica) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replica.status().state() != ReplicaState.STREAMING || SemisyncCounters.of(source).clients() < 1)
        {
            if (System.nanoTime() > deadline || replica.terminated().isDone())
            {
                throw new IllegalStateException("the replica did not start streaming with semisync: " + replica.status().summary());
            }
            Thread.sleep(50);
        }
        if (replica.status().semisync() != SemisyncMode.ACTIVE)
        {
            throw new IllegalStateException("the replica streams but not semisynchronously: " + replica.status().summary());
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        if (Files.exists(dir))
        {
            try (Stream<Path> paths = Files.walk(dir))
            {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(path);
                }
            }
        }
    }
}

package io.semisync.benchmarks.harness;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out benchmark ({@code scripts/bench-e2e fanout [mysql|mariadb] [seconds] [rounds]}): the source's commit rate
 * and latency with our semisync replica and 0, 1, 8 and 32 downstream readers attached to its replication endpoint,
 * each a mysql-binlog-connector-java client (as Debezium uses it) following the archive live from the source's GTIDs
 * at attach time, the reader counts interleaved in a rotating order over rounds. The readers' events are counted, so
 * a point where they did not read is seen.
 */
public final class FanoutBenchmark
{
    private static final PrintStream OUT = System.out;
    private static final Path WORK = Path.of("benchmarks", "target", "fanout");
    private static final int[] READERS = {0, 1, 8, 32};
    private static final int CLIENTS = 8;
    private static final String USER = "fanout";
    private static final String PASSWORD = "fanout-Secret-1";
    private static final long CONNECT_MILLIS = 30_000;

    private FanoutBenchmark()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length > 3)
        {
            System.err.println("usage: scripts/bench-e2e fanout [mysql|mariadb] [seconds] [rounds]");
            System.exit(2);
        }
        final List<Flavor> flavors = HarnessSettings.flavors(args.length > 0 ? args[0] : "mysql");
        final Duration seconds = Duration.ofSeconds(args.length > 1 ? HarnessSettings.positive("seconds", args[1]) : 5);
        final int rounds = Math.toIntExact(args.length > 2 ? HarnessSettings.positive("rounds", args[2]) : 3);
        final Path jar = HarnessSettings.replicaJarProperty();
        Files.createDirectories(WORK);
        final Path users = Files.writeString(WORK.resolve("users"), USER + " " + ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD,
            PASSWORD) + "\n");
        for (final Flavor flavor : flavors)
        {
            run(flavor, seconds, rounds, jar, users);
        }
    }

    private static void run(final Flavor flavor, final Duration seconds, final int rounds, final Path jar, final Path users)
    {
        final int servePort = freePort();
        try (SourceServer source = SourceServers.start(flavor, SourceOptions.defaults());
            OurReplicaProcess replica = OurReplicaProcess.start(jar, source, WORK, flavor + "-fanout", WORK.resolve("data"),
                List.of("--serve-port", String.valueOf(servePort), "--serve-users-file", users.toString())))
        {
            replica.awaitStreaming();
            final CommitLoad load = new CommitLoad(source);
            load.awaitSemisyncOn();
            OUT.printf(Locale.ROOT, "== %s %s: %d committers, %d s per point, readers %s%n", flavor, source.version(), CLIENTS,
                seconds.toSeconds(), Arrays.toString(READERS));
            final Map<Integer, List<LoadResult>> results = new LinkedHashMap<>();
            final Map<Integer, List<Double>> eventsPerReader = new LinkedHashMap<>();
            for (final int readers : READERS)
            {
                results.put(readers, new ArrayList<>());
                eventsPerReader.put(readers, new ArrayList<>());
            }
            for (int round = 1; round <= rounds; round++)
            {
                for (int turn = 0; turn < READERS.length; turn++)
                {
                    final int readers = READERS[(turn + round - 1) % READERS.length];
                    load.truncate();
                    final List<Reader> attached = attach(flavor, source, servePort, readers);
                    try
                    {
                        final LoadResult result = load.run(CLIENTS, seconds, Long.MAX_VALUE);
                        replica.check();
                        final double perReader = attached.stream().mapToLong(Reader::events).average().orElse(0);
                        results.get(readers).add(result);
                        eventsPerReader.get(readers).add(perReader);
                        OUT.printf(Locale.ROOT, "[%s round %d/%d] %2d readers: %7.0f commits/s, p50 %.2f ms, p99 %.2f ms, %.0f events per reader%n",
                            flavor, round, rounds, readers, result.commitsPerSecond(), result.p50Millis(), result.p99Millis(), perReader);
                    }
                    finally
                    {
                        attached.forEach(Reader::close);
                    }
                }
            }
            OUT.printf(Locale.ROOT, "== %s, medians over %d rounds%n| readers | commits/s | p50 ms | p99 ms | events read per reader |%n"
                + "|---:|---:|---:|---:|---:|%n", flavor, rounds);
            for (final int readers : READERS)
            {
                OUT.printf(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", readers,
                    Median.text(results.get(readers), LoadResult::commitsPerSecond, "%.0f"),
                    Median.text(results.get(readers), LoadResult::p50Millis, "%.2f"),
                    Median.text(results.get(readers), LoadResult::p99Millis, "%.2f"),
                    Median.text(eventsPerReader.get(readers), Double::doubleValue, "%.0f"));
            }
        }
    }

    /** Connects {@code count} readers from the source's GTIDs now, so each follows the live stream only. */
    private static List<Reader> attach(final Flavor flavor, final SourceServer source, final int port, final int count)
    {
        final String gtids = source.queryValue(flavor == Flavor.MYSQL ? "SELECT @@GLOBAL.gtid_executed" : "SELECT @@GLOBAL.gtid_binlog_pos")
            .replaceAll("\\s", "");
        final List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            readers.add(new Reader(port, 1_000 + i, gtids));
        }
        return readers;
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free port for the replication endpoint", ex);
        }
    }

    /** One downstream reader: a binlog client on its own thread, counting the events it reads. */
    private static final class Reader implements AutoCloseable
    {
        private final BinaryLogClient client;
        private final AtomicLong events = new AtomicLong();

        Reader(final int port, final long serverId, final String gtids)
        {
            client = new BinaryLogClient("127.0.0.1", port, USER, PASSWORD);
            client.setServerId(serverId);
            client.setSSLMode(SSLMode.DISABLED);
            client.setKeepAlive(false);
            client.setGtidSet(gtids);
            client.registerEventListener(event -> events.incrementAndGet());
            try
            {
                client.connect(CONNECT_MILLIS);
            }
            catch (final IOException | TimeoutException ex)
            {
                throw new IllegalStateException("reader " + serverId + " could not connect to our replication endpoint: " + ex, ex);
            }
        }

        long events()
        {
            return events.get();
        }

        @Override
        public void close()
        {
            try
            {
                client.disconnect();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("reader " + client.getServerId() + " did not disconnect", ex);
            }
        }
    }
}

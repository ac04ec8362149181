package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.benchmarks.load.SemisyncCounters;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceEndpoint;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One flavor's part of the run: a source, a second server for the native replica, then every point in every
 * round, round-robin over the configurations so machine noise hits them all alike. Each round starts one
 * configuration later than the one before. Only one replica is connected at a time: each point starts its
 * replica, checks the source's semisync client count and status, warms up, measures, and stops the replica.
 */
final class FlavorBenchmark
{
    private static final Duration CLIENTS_TIMEOUT = Duration.ofSeconds(30);

    private final HarnessSettings settings;
    private final ResultTable table;
    private final PrintStream out;
    private final Flavor flavor;

    FlavorBenchmark(final HarnessSettings settings, final ResultTable table, final PrintStream out, final Flavor flavor)
    {
        this.settings = settings;
        this.table = table;
        this.out = out;
        this.flavor = flavor;
    }

    void run()
    {
        out.println("== " + flavor + ": starting the source and a second server for the native replica");
        try (SourceServer source = SourceServers.start(flavor, SourceOptions.defaults()))
        {
            final CommitLoad load = new CommitLoad(source);
            try (NativeReplica nativeReplica = NativeReplica.start(source))
            {
                final String servers = "source " + source.version() + " at " + source.host() + ":" + source.port() + ", native replica "
                    + nativeReplica.version() + " (default sync_relay_log " + nativeReplica.defaultSyncRelayLog() + ")";
                out.println("   " + servers);
                table.describeServers(flavor, servers);
                final List<Point> points = settings.points(flavor);
                for (int round = 1; round <= settings.rounds(); round++)
                {
                    final int first = (round - 1) * HarnessSettings.CLIENTS.size();
                    for (int i = 0; i < points.size(); i++)
                    {
                        final Point point = points.get((first + i) % points.size());
                        out.printf(Locale.ROOT, "[%s round %d/%d, %2d/%d] %-50s %d client(s): ", flavor, round, settings.rounds(),
                            i + 1, points.size(), point.configuration().label(), point.clients());
                        out.flush();
                        final long started = System.nanoTime();
                        final Measurement measurement = measure(source, load, nativeReplica, point, round);
                        table.add(measurement);
                        final LoadResult result = measurement.load();
                        final SourceView seen = measurement.source();
                        final CpuSnapshot.CpuUse cpu = measurement.cpu();
                        final DiskSnapshot.DiskUse disk = measurement.disk();
                        out.printf(Locale.ROOT, "%6.0f commits/s  p50 %6.2f ms  p99 %6.2f ms  source: %s, %.2f tx/group%s%s"
                                + "  CPU us/tx: replica %.0f, source %.0f, machine busy %.0f%%  disk: %.2f flushes/tx, busy %.0f%%  (%.0f s)%n",
                            result.commitsPerSecond(), result.p50Millis(), result.p99Millis(),
                            ackWaits(seen), seen.transactionsPerGroup(), acks(measurement),
                            point.configuration().semisyncClients() == 0 ? "" : ", no_tx +" + seen.noTx(),
                            cpu.replicaMicrosPerTransaction(), cpu.sourceMicrosPerTransaction(), cpu.busyShare() * 100,
                            disk.flushesPerTransaction(), disk.busyShare() * 100, (System.nanoTime() - started) / 1e9);
                    }
                }
            }
        }
    }

    private Measurement measure(final SourceServer source, final CommitLoad load, final NativeReplica nativeReplica, final Point point,
        final int round)
    {
        disconnectStaleReplicas(source);
        final Configuration configuration = point.configuration();
        switch (configuration.replica())
        {
            case OURS ->
            {
                final String waitPoint = source.flavor().semisyncPrefix() + "_wait_point";
                if (configuration.sourceWaitPoint() != null)
                {
                    source.execute("SET GLOBAL " + waitPoint + " = " + configuration.sourceWaitPoint());
                }
                final String logName = String.format(Locale.ROOT, "%s-round%d-%s-%dclients", flavor, round, configuration.key(), point.clients());
                final Path dataDirectory = configuration.relayLogPlace() == Configuration.RelayLogPlace.TMPFS
                    ? HarnessSettings.TMPFS_DATA_DIRECTORY : HarnessSettings.WORK_DIRECTORY.resolve("replica-data");
                try (OurReplicaProcess ours = OurReplicaProcess.start(settings.replicaJar(configuration), source, HarnessSettings.WORK_DIRECTORY, logName,
                    dataDirectory, configuration.replicaArgs()))
                {
                    final Measurement measurement = measure(source, load, point, round, ours);
                    table.addAckLatency(flavor, configuration, point.clients(), ours.stop().ackLatency());
                    return measurement;
                }
                finally
                {
                    if (configuration.sourceWaitPoint() != null)
                    {
                        source.execute("SET GLOBAL " + waitPoint + " = AFTER_SYNC");
                    }
                }
            }
            case NATIVE ->
            {
                nativeReplica.start(configuration.syncRelayLog(), configuration.applier());
                try
                {
                    return measure(source, load, point, round, nativeReplica);
                }
                finally
                {
                    nativeReplica.stop();
                }
            }
            default ->
            {
                return measure(source, load, point, round, ReplicaUnderTest.NONE);
            }
        }
    }

    private Measurement measure(final SourceServer source, final CommitLoad load, final Point point, final int round,
        final ReplicaUnderTest replica)
    {
        final long expectedClients = point.configuration().semisyncClients();
        awaitSemisyncClients(source, expectedClients, replica);
        final boolean semisync = expectedClients > 0;
        if (semisync)
        {
            load.awaitSemisyncOn();
        }
        final Duration warmUp = WarmUp.run(load, HarnessSettings.WARMUP, replica.processId());
        out.printf(Locale.ROOT, "(warm-up %.0f s) ", warmUp.toMillis() / 1e3);
        if (semisync)
        {
            load.awaitSemisyncOn();
        }
        final Optional<OurReplicaCounts> oursBefore = replica.countsAtRest();
        final SourceStatus before = SourceStatus.of(source);
        final CpuSnapshot cpuBefore = CpuSnapshot.take(replica.processId(), source.processId());
        final DiskSnapshot diskBefore = DiskSnapshot.of(HarnessSettings.WORK_DIRECTORY);
        final LoadResult result = load.run(point.clients(), settings.perPoint(), Long.MAX_VALUE);
        final DiskSnapshot diskAfter = DiskSnapshot.of(HarnessSettings.WORK_DIRECTORY);
        final CpuSnapshot cpuAfter = CpuSnapshot.take(replica.processId(), source.processId());
        final SourceStatus after = SourceStatus.of(source);
        replica.check();
        final long clients = SemisyncCounters.of(source).clients();
        if (clients != expectedClients)
        {
            out.print("(the source's semisync clients went from " + expectedClients + " to " + clients + ") ");
        }
        final OurReplicaCounts oursDelta = oursBefore.map(earlier -> replica.countsAtRest().orElseThrow().minus(earlier)).orElse(null);
        if (oursDelta != null && oursDelta.transactions() != result.commits())
        {
            out.print("(our replica stored " + oursDelta.transactions() + " transactions of " + result.commits() + " commits) ");
        }
        return new Measurement(flavor, point, round, result, after.since(before, result.commits()), oursDelta,
            cpuAfter.since(cpuBefore, result.commits()), diskAfter.since(diskBefore, result.commits()));
    }

    /** The source's average ACK wait, if it waited at all. */
    private static String ackWaits(final SourceView seen)
    {
        return seen.ackWaits() == 0 ? "no ACK wait" : String.format(Locale.ROOT, "ACK wait %4.0f us", seen.averageAckWaitMicros());
    }

    /** ACKs per transaction as our replica and the source (MariaDB) counted them, where they did. */
    private static String acks(final Measurement measurement)
    {
        if (measurement.point().configuration().semisyncClients() == 0)
        {
            return "";
        }
        final double journal = measurement.journalShare();
        final String ours = measurement.ours() == null ? "" : String.format(Locale.ROOT, ", ours %.2f ACKs/tx", measurement.ours().acksPerTransaction())
            + (Double.isNaN(journal) ? "" : String.format(Locale.ROOT, " (%.1f%% through the journal)", journal * 100));
        final double source = measurement.source().acksPerTransaction();
        return ours + (Double.isNaN(source) ? "" : String.format(Locale.ROOT, ", source read %.2f ACKs/tx", source));
    }

    /** Ends the source's dump threads left by the previous point's replica, so none holds a commit waiting for its ACK. */
    private static void disconnectStaleReplicas(final SourceServer source)
    {
        DumpThreads.killAll(source);
        awaitSemisyncClients(source, 0, ReplicaUnderTest.NONE);
    }

    /** Waits until the source counts {@code expected} semisync replicas, so exactly the configuration's replica is connected. */
    static void awaitSemisyncClients(final SourceEndpoint source, final long expected, final ReplicaUnderTest replica)
    {
        final long deadline = System.nanoTime() + CLIENTS_TIMEOUT.toNanos();
        while (SemisyncCounters.of(source).clients() != expected)
        {
            replica.check();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the source did not count " + expected + " semisync replica(s) within "
                    + CLIENTS_TIMEOUT.toSeconds() + " s: " + SemisyncCounters.of(source).describe(source) + "; " + replica.describe());
            }
            Pause.millis(50, "the source's semisync client count");
        }
    }
}

package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.benchmarks.load.SemisyncCounters;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServerException;
import io.semisync.sources.SourceServers;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One flavor's part of the run: a source, a second server for the native replica, then every point in every
 * round, round-robin over the configurations so machine noise hits them all alike. Each round starts one
 * configuration later than the one before. Only one replica is connected at a time: each point starts its
 * replica, checks the source's semisync client count and status, warms up, measures, and stops the replica.
 */
final class FlavorBenchmark
{
    private static final Duration CLIENTS_TIMEOUT = Duration.ofSeconds(30);
    /** The Command column of {@code SHOW PROCESSLIST}: {@code Binlog Dump} or {@code Binlog Dump GTID} for a replica. */
    private static final int PROCESSLIST_COMMAND = 4;

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
                final List<Point> points = settings.points();
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
                        out.printf(Locale.ROOT, "%6.0f commits/s  p50 %6.2f ms  p99 %6.2f ms%s  (%.0f s)%n",
                            result.commitsPerSecond(), result.p50Millis(), result.p99Millis(),
                            point.configuration().semisyncClients() == 0 ? "" : "  no_tx +" + measurement.noTxDelta(),
                            (System.nanoTime() - started) / 1e9);
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
                final String logName = String.format(Locale.ROOT, "%s-round%d-%dclients", flavor, round, point.clients());
                try (OurReplicaProcess ours = OurReplicaProcess.start(settings.replicaJar(), source, HarnessSettings.WORK_DIRECTORY, logName))
                {
                    final Measurement measurement = measure(source, load, point, round, ours);
                    table.addAckLatency(flavor, point.clients(), ours.stop());
                    return measurement;
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
        load.run(HarnessSettings.WARMUP_CLIENTS, HarnessSettings.WARMUP, Long.MAX_VALUE);
        if (semisync)
        {
            load.awaitSemisyncOn();
        }
        final SemisyncCounters before = SemisyncCounters.of(source);
        final LoadResult result = load.run(point.clients(), settings.perPoint(), Long.MAX_VALUE);
        final SemisyncCounters after = SemisyncCounters.of(source);
        replica.check();
        if (after.clients() != expectedClients)
        {
            out.print("(the source's semisync clients went from " + expectedClients + " to " + after.clients() + ") ");
        }
        return new Measurement(flavor, point, round, result, after.noTx() - before.noTx());
    }

    /**
     * Ends the source's dump threads left by the previous point's replica. A source notices that a replica has gone
     * only when it next writes to it; until then it still counts it as a semisync client, and the next commit could
     * wait for that replica's ACK for the whole semisync timeout.
     */
    private static void disconnectStaleReplicas(final SourceServer source)
    {
        for (final List<String> thread : source.query("SHOW PROCESSLIST"))
        {
            final String command = thread.get(PROCESSLIST_COMMAND);
            if (command != null && command.startsWith("Binlog Dump"))
            {
                try
                {
                    source.execute("KILL " + thread.get(0));
                }
                catch (final SourceServerException ex)
                {
                    if (!ex.getMessage().contains("Unknown thread id"))
                    {
                        throw ex;
                    }
                }
            }
        }
        awaitSemisyncClients(source, 0, ReplicaUnderTest.NONE);
    }

    /** Waits until the source counts {@code expected} semisync replicas, so exactly the configuration's replica is connected. */
    private static void awaitSemisyncClients(final SourceServer source, final long expected, final ReplicaUnderTest replica)
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
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the source's semisync client count", ex);
            }
        }
    }
}

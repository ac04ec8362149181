package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.benchmarks.load.SemisyncCounters;
import io.semisync.sources.Flavor;
import io.semisync.sources.RemoteSource;
import io.semisync.sources.SourceEndpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@code bench} against the user's own source ({@code scripts/bench-e2e --source HOST:PORT --user U --password-env VAR
 * --scratch-schema NAME ...}): what our semisync replica costs that source's committers. It creates the scratch schema
 * (refusing one it did not create), then per point starts our replica against the source, sets the source's semisync
 * switch (with {@code --toggle-semisync}) and our replica's ACK delay as the configuration says, warms up and runs the
 * commit load from N clients, round-robin over the points as the local harness does. It prints the table, the ratios
 * and our ACK latency, writes them and an HTML report with charts, and drops the schema and restores the switch at the
 * end, also on failure or Ctrl-C.
 */
public final class ExternalBenchmark
{
    /** Exit code for a setting or a source bench refuses. */
    static final int REFUSED = 2;
    /** Exit code for a run that failed on the way. */
    static final int FAILED = 1;

    private final BenchSettings settings;
    private final Path replicaJar;
    private final PrintStream out;

    private ExternalBenchmark(final BenchSettings settings, final Path replicaJar, final PrintStream out)
    {
        this.settings = settings;
        this.replicaJar = replicaJar;
        this.out = out;
    }

    public static void main(final String[] args)
    {
        System.exit(run(List.of(args), System::getenv, System.out));
    }

    /** Runs bench; returns 0, {@link #REFUSED} or {@link #FAILED}, having said why on {@code out}. */
    static int run(final List<String> args, final UnaryOperator<String> environment, final PrintStream out)
    {
        final BenchSettings settings;
        final Path replicaJar;
        try
        {
            settings = BenchSettings.parse(args, environment);
            replicaJar = HarnessSettings.replicaJar();
        }
        catch (final IllegalArgumentException ex)
        {
            out.println("bench: " + ex.getMessage());
            return REFUSED;
        }
        return new ExternalBenchmark(settings, replicaJar, out).run();
    }

    private int run()
    {
        out.println("== bench: " + settings);
        final SourceEndpoint source;
        final SemisyncSwitch semisync;
        final ScratchSchema schema;
        try
        {
            source = RemoteSource.connect(settings.host(), settings.port(), settings.user(), settings.password());
            out.println("   " + source);
            semisync = SemisyncSwitch.of(source);
            if (!semisync.initiallyOn() && !settings.toggleSemisync())
            {
                throw new IllegalStateException(semisync.variable() + " is OFF on " + source + ": pass --toggle-semisync to let bench switch "
                    + "it on for the semisync points and back to OFF at the end");
            }
            checkServerId(source);
            schema = ScratchSchema.claim(source, settings.scratchSchema());
        }
        catch (final RuntimeException ex)
        {
            out.println("bench: " + ex.getMessage());
            return REFUSED;
        }
        out.println("   scratch schema " + schema.name() + (schema.leftByEarlierRun() ? ": left by an earlier bench run, taken over" : ": created"));
        final Cleanup cleanup = new Cleanup(schema, semisync);
        final Thread hook = new Thread(cleanup::run, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        final List<BenchConfiguration> configurations = BenchConfiguration.of(settings);
        final BenchTable table = new BenchTable(settings, configurations, source.toString());
        try
        {
            measureAll(source, semisync, configurations, table);
            return 0;
        }
        catch (final RuntimeException ex)
        {
            out.println();
            out.println("bench failed: " + ex.getMessage());
            return FAILED;
        }
        finally
        {
            cleanup.run();
            removeHook(hook);
            if (!table.isEmpty())
            {
                write(table);
            }
        }
    }

    private void measureAll(final SourceEndpoint source, final SemisyncSwitch semisync, final List<BenchConfiguration> configurations,
        final BenchTable table)
    {
        final long otherSemisyncReplicas = SemisyncCounters.of(source).clients();
        if (otherSemisyncReplicas > 0)
        {
            out.println("   note: " + otherSemisyncReplicas + " other semisync replica(s) are connected; a commit waits for the first ACK of any");
        }
        final CommitLoad load = new CommitLoad(source, settings.scratchSchema());
        final List<int[]> points = configurations.stream()
            .flatMap(c -> settings.clients().stream().map(clients -> new int[] {configurations.indexOf(c), clients}))
            .toList();
        for (int round = 1; round <= settings.rounds(); round++)
        {
            final int first = (round - 1) * settings.clients().size();
            for (int i = 0; i < points.size(); i++)
            {
                final int[] point = points.get((first + i) % points.size());
                final BenchConfiguration configuration = configurations.get(point[0]);
                out.printf(Locale.ROOT, "[round %d/%d, %2d/%d] %-45s %d client(s): ", round, settings.rounds(), i + 1, points.size(),
                    configuration.label(), point[1]);
                out.flush();
                final BenchMeasurement measurement = measure(source, semisync, load, configuration, point[1], round, otherSemisyncReplicas);
                table.add(measurement);
                final LoadResult result = measurement.load();
                out.printf(Locale.ROOT, "%6.0f commits/s  p50 %6.2f ms  p99 %6.2f ms%s%n", result.commitsPerSecond(), result.p50Millis(),
                    result.p99Millis(), configuration.semisync() ? ", no_tx +" + measurement.source().noTx() : "");
            }
        }
    }

    private BenchMeasurement measure(final SourceEndpoint source, final SemisyncSwitch semisync, final CommitLoad load,
        final BenchConfiguration configuration, final int clients, final int round, final long otherSemisyncReplicas)
    {
        semisync.set(configuration.semisync());
        final String logName = String.format(Locale.ROOT, "round%d-%s-%dclients", round, configuration.key(), clients);
        try (OurReplicaProcess ours = OurReplicaProcess.start(replicaJar, source, settings.serverId(), settings.workDirectory(),
            logName, settings.workDirectory().resolve("replica-data"), configuration.replicaArgs()))
        {
            ours.awaitStreaming();
            FlavorBenchmark.awaitSemisyncClients(source, otherSemisyncReplicas + (configuration.semisync() ? 1 : 0), ours);
            if (configuration.semisync())
            {
                load.awaitSemisyncOn();
            }
            WarmUp.run(load, settings.warmup(), ours.processId());
            if (configuration.semisync())
            {
                load.awaitSemisyncOn();
            }
            final OurReplicaCounts before = ours.countsAtRest().orElseThrow();
            final SourceStatus sourceBefore = SourceStatus.of(source);
            final LoadResult result = load.run(clients, settings.perPoint(), Long.MAX_VALUE);
            final SourceView seen = SourceStatus.of(source).since(sourceBefore, result.commits());
            ours.check();
            final OurReplicaCounts counted = ours.countsAtRest().orElseThrow().minus(before);
            final OurReplicaProcess.Exit exit = ours.stop();
            return new BenchMeasurement(configuration, clients, round, result, seen, counted, exit.ackLatency());
        }
    }

    /** Removes the cleanup hook after a normal end; while the JVM shuts down (Ctrl-C) the hook runs anyway, once. */
    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // the hook is running or has run: nothing to remove
        }
    }

    /** Our server_id must be neither the source's nor that of a replica registered with it (the source would drop one of us). */
    private void checkServerId(final SourceEndpoint source)
    {
        final long id = settings.serverId();
        if (Long.parseLong(source.queryValue("SELECT @@global.server_id")) == id)
        {
            throw new IllegalStateException("--server-id " + id + " is the source's own server_id: give another");
        }
        final List<List<String>> replicas = source.query(source.flavor() == Flavor.MYSQL ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS");
        if (replicas.stream().anyMatch(row -> Long.toString(id).equals(row.get(0))))
        {
            throw new IllegalStateException("--server-id " + id + " is taken by a replica of the source (SHOW REPLICAS): give a free one");
        }
    }

    private void write(final BenchTable table)
    {
        out.println();
        out.print(table.text());
        try
        {
            Files.createDirectories(settings.reportDirectory());
            final Path results = settings.reportDirectory().resolve("results.md");
            Files.writeString(results, table.markdown());
            out.println("== Written to " + results);
            out.println("== Report: " + table.report().write(settings.reportDirectory()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the results into " + settings.reportDirectory(), ex);
        }
    }

    /** Puts the source back as bench found it: the semisync switch as it was, the scratch schema gone; once, whoever calls first. */
    private final class Cleanup
    {
        private final ScratchSchema schema;
        private final SemisyncSwitch semisync;
        private boolean done;

        Cleanup(final ScratchSchema schema, final SemisyncSwitch semisync)
        {
            this.schema = schema;
            this.semisync = semisync;
        }

        synchronized void run()
        {
            if (done)
            {
                return;
            }
            done = true;
            try
            {
                semisync.restore();
                out.println("== " + semisync.variable() + " is " + (semisync.initiallyOn() ? "ON" : "OFF") + " again, as bench found it");
            }
            catch (final RuntimeException ex)
            {
                out.println("bench: could not restore " + semisync.variable() + ": " + ex.getMessage() + "; set it back by hand");
            }
            try
            {
                out.println(schema.drop() ? "== Dropped the scratch schema " + schema.name()
                    : "== The scratch schema " + schema.name() + " was gone or no longer bench's; left alone");
            }
            catch (final RuntimeException ex)
            {
                out.println("bench: could not drop the scratch schema " + schema.name() + ": " + ex.getMessage() + "; drop it by hand");
            }
        }
    }
}

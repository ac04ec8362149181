package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.benchmarks.report.HtmlReport;
import io.semisync.benchmarks.report.LatencyCurve;
import io.semisync.benchmarks.report.StageSplit;
import io.semisync.sources.Flavor;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the harness measured, reduced to one row per flavor, configuration and client count (the median over
 * rounds) with the source's own view of each interval, the ratios of our commits/s to the native replica's with the
 * targets, and our ACK latency. Renders as text for the terminal and as Markdown for
 * {@code benchmarks/target/e2e-results.md}.
 */
final class ResultTable
{
    private static final List<Configuration> BASELINES = List.of(
        Configuration.OURS_BASELINE, Configuration.NATIVE_DURABLE, Configuration.NATIVE_DEFAULT,
        Configuration.NATIVE_DURABLE_APPLIER, Configuration.NATIVE_DEFAULT_APPLIER);
    private static final String RATIO_NOTE = "Ours relative to the native replica and to our baseline build (median commits/s); targets "
        + "(issue 12) apply to (1) against the native I/O-only rows:";
    private static final String ACK_NOTE = "Our ACK latency in microseconds, from the moment the read with an event the source flagged came "
        + "off the socket to the write of its ACK (median over rounds; each run covers the point's warm-up too):";

    private final HarnessSettings settings;
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<Flavor, String> servers = new EnumMap<>(Flavor.class);
    private final Map<String, List<AckLatencyBreakdown>> ackLatency = new LinkedHashMap<>();

    ResultTable(final HarnessSettings settings)
    {
        this.settings = settings;
    }

    /** Records what ran, e.g. {@code source 9.7.4-2, native replica 9.7.4-2 (default sync_relay_log 10000)}. */
    void describeServers(final Flavor flavor, final String description)
    {
        servers.put(flavor, description);
    }

    void add(final Measurement measurement)
    {
        measurements.add(measurement);
    }

    void addAckLatency(final Flavor flavor, final Configuration configuration, final int clients, final AckLatencyBreakdown breakdown)
    {
        ackLatency.computeIfAbsent(flavor + "\t" + configuration.code() + "\t" + clients, key -> new ArrayList<>()).add(breakdown);
    }

    boolean isEmpty()
    {
        return measurements.isEmpty();
    }

    String text()
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder(summary()).append(newline).append(results().text()).append(newline);
        final Grid ratios = ratios();
        if (!ratios.isEmpty())
        {
            text.append(RATIO_NOTE).append(newline).append(ratios.text()).append(newline);
        }
        final Grid acks = acks();
        if (!acks.isEmpty())
        {
            text.append(ACK_NOTE).append(newline).append(acks.text());
        }
        return text.toString();
    }

    String markdown()
    {
        final StringBuilder text = new StringBuilder("# End-to-end benchmark results\n\n")
            .append(summary().replace(System.lineSeparator(), "\n")).append('\n').append(results().markdown());
        final Grid ratios = ratios();
        if (!ratios.isEmpty())
        {
            text.append('\n').append(RATIO_NOTE).append("\n\n").append(ratios.markdown());
        }
        final Grid acks = acks();
        if (!acks.isEmpty())
        {
            text.append('\n').append(ACK_NOTE).append("\n\n").append(acks.markdown());
        }
        return text.toString();
    }

    /**
     * The report's charts: per flavor and client count, each configuration's commit-latency CDF over all its rounds;
     * per flavor, where our replica's ACK time goes (each stage's median p50 over rounds), per configuration of ours.
     */
    HtmlReport report()
    {
        final HtmlReport report = new HtmlReport("End-to-end benchmark", text());
        for (final Flavor flavor : flavors())
        {
            for (final int clients : HarnessSettings.CLIENTS)
            {
                final List<LatencyCurve> curves = new ArrayList<>();
                for (final Point point : settings.points(flavor))
                {
                    final List<Measurement> rounds = of(flavor, point.configuration(), point.clients());
                    if (point.clients() == clients && !rounds.isEmpty())
                    {
                        curves.add(new LatencyCurve(point.configuration().label(), merged(rounds.stream().map(Measurement::load).toList())));
                    }
                }
                report.cdf(flavor + ", " + clients + (clients == 1 ? " client" : " clients") + ": commit latency", curves);
            }
            final List<StageSplit> splits = new ArrayList<>();
            ackLatency.forEach((key, runs) ->
            {
                final String[] point = key.split("\t");
                if (point[0].equals(flavor.toString()))
                {
                    splits.add(AckLatencyBreakdown.median(runs).stageSplit(point[1] + " " + point[2] + "c"));
                }
            });
            report.stages(flavor + ": where our ACK time goes, median per stage", splits);
        }
        return report;
    }

    /** The commit latencies of several loads in one histogram. */
    static Histogram merged(final List<LoadResult> loads)
    {
        final Histogram all = loads.get(0).latency().copy();
        loads.stream().skip(1).forEach(load -> all.add(load.latency()));
        return all;
    }

    private String summary()
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Autocommit %d-byte INSERTs; %s.%n", CommitLoad.ROW_BYTES, settings));
        text.append("Figures are medians over rounds; no_tx delta (commits the source made without a semisync ACK) is summed over rounds.")
            .append(newline)
            .append("Source's view of each measured interval, from its status variables: ACK wait = tx_wait_time / tx_waits, the average")
            .append(" wait of a commit for its ACK (per group on MySQL, per transaction on MariaDB); tx/group = transactions per binlog")
            .append(" group commit (MariaDB Binlog_commits / Binlog_group_commits; MySQL commits / (yes_tx + no_tx)); ACKs/tx = ACKs per")
            .append(" transaction, counted by our replica for our rows and by the source (get_ack) for MariaDB's native rows;")
            .append(" journal ACKs % = the share of our ACKs a write of the ACK journal served (the others waited for an fdatasync).")
            .append(" CPU us/tx = CPU time (user and system, all threads, /proc) the replica's and the source's processes spent per")
            .append(" transaction in the interval; busy % and steal % = shares of all the machine's cores busy and stolen by the hypervisor.")
            .append(" Disk writes/tx and flushes/tx = writes and cache flushes the block device under the source's and the replica's data")
            .append(" completed per transaction, disk busy % = the share of the interval it had a request in flight (/sys/dev/block/*/stat).")
            .append(newline);
        servers.forEach((flavor, description) -> text.append(flavor).append(": ").append(description).append(newline));
        return text.toString();
    }

    private Grid results()
    {
        final Grid grid = new Grid(2, "flavor", "configuration", "clients", "commits/s", "p50 ms", "p99 ms", "ACK wait us", "tx/group",
            "ACKs/tx", "journal ACKs %", "replica CPU us/tx", "source CPU us/tx", "busy %", "steal %", "disk writes/tx", "disk flushes/tx", "disk busy %", "no_tx delta", "rounds");
        for (final Flavor flavor : flavors())
        {
            for (final Point point : settings.points(flavor))
            {
                final List<Measurement> rounds = of(flavor, point.configuration(), point.clients());
                if (!rounds.isEmpty())
                {
                    final List<LoadResult> loads = rounds.stream().map(Measurement::load).toList();
                    grid.add(flavor.toString(), point.configuration().label(), Integer.toString(point.clients()),
                        format("%.0f", Median.of(loads, LoadResult::commitsPerSecond)),
                        format("%.2f", Median.of(loads, LoadResult::p50Millis)),
                        format("%.2f", Median.of(loads, LoadResult::p99Millis)),
                        Median.text(rounds, m -> m.source().averageAckWaitMicros(), "%.0f"),
                        Median.text(rounds, m -> m.source().transactionsPerGroup(), "%.2f"),
                        Median.text(rounds, Measurement::acksPerTransaction, "%.2f"),
                        Median.text(rounds, m -> m.journalShare() * 100, "%.1f"),
                        Median.text(rounds, m -> m.cpu().replicaMicrosPerTransaction(), "%.0f"),
                        Median.text(rounds, m -> m.cpu().sourceMicrosPerTransaction(), "%.0f"),
                        Median.text(rounds, m -> m.cpu().busyShare() * 100, "%.0f"),
                        Median.text(rounds, m -> m.cpu().stealShare() * 100, "%.1f"),
                        Median.text(rounds, m -> m.disk().writesPerTransaction(), "%.2f"),
                        Median.text(rounds, m -> m.disk().flushesPerTransaction(), "%.2f"),
                        Median.text(rounds, m -> m.disk().busyShare() * 100, "%.0f"),
                        noTxDelta(point, rounds),
                        Integer.toString(rounds.size()));
                }
            }
        }
        return grid;
    }

    /**
     * One row per flavor, configuration of ours and client count; one column per native configuration measured, and
     * one for our baseline build (1b) where it ran.
     */
    private Grid ratios()
    {
        final List<Configuration> baselines = BASELINES.stream().filter(settings.configurations()::contains).toList();
        final List<String> header = new ArrayList<>(List.of("flavor", "ours", "clients"));
        baselines.forEach(baseline -> header.add("vs " + baseline.label()));
        final Grid grid = new Grid(2, header.toArray(String[]::new));
        if (baselines.isEmpty())
        {
            return grid;
        }
        for (final Flavor flavor : flavors())
        {
            for (final Point point : settings.points(flavor))
            {
                final List<Measurement> ours = of(flavor, point.configuration(), point.clients());
                if (point.configuration().replica() != Configuration.Replica.OURS || ours.isEmpty())
                {
                    continue;
                }
                final List<String> row = new ArrayList<>(List.of(flavor.toString(), point.configuration().label(),
                    Integer.toString(point.clients())));
                for (final Configuration baseline : baselines)
                {
                    final List<Measurement> theirs = of(flavor, baseline, point.clients());
                    row.add(theirs.isEmpty() || baseline == point.configuration() ? "" : ratio(point.configuration(), baseline, point.clients(),
                        medianCommitsPerSecond(ours) / medianCommitsPerSecond(theirs)));
                }
                grid.add(row.toArray(String[]::new));
            }
        }
        return grid;
    }

    /** E.g. {@code 0.74x} or, where a target applies, {@code 0.74x (>= 0.85x: NO)}. */
    private static String ratio(final Configuration ours, final Configuration baseline, final int clients, final double ratio)
    {
        final Optional<RatioTarget> target = RatioTarget.of(ours, baseline, clients);
        return format("%.2fx", ratio) + target.map(t -> format(" (>= %.2fx: ", t.minimum()) + (t.metBy(ratio) ? "yes)" : "NO)")).orElse("");
    }

    private Grid acks()
    {
        final Grid grid = new Grid(2, "flavor", "ours", "clients", "ACKs", "part", "p50 us", "p99 us", "max us");
        ackLatency.forEach((key, runs) -> AckLatencyBreakdown.median(runs).addRows(grid, key.split("\t")));
        return grid;
    }

    /** Summed over rounds; without a semisync replica every commit counts as no_tx, so it says nothing. */
    private static String noTxDelta(final Point point, final List<Measurement> rounds)
    {
        return point.configuration().semisyncClients() == 0 ? "n/a" : Long.toString(rounds.stream().mapToLong(m -> m.source().noTx()).sum());
    }

    private List<Flavor> flavors()
    {
        return settings.flavors().stream().filter(flavor -> measurements.stream().anyMatch(m -> m.flavor() == flavor)).toList();
    }

    private List<Measurement> of(final Flavor flavor, final Configuration configuration, final int clients)
    {
        return measurements.stream()
            .filter(m -> m.flavor() == flavor && m.point().configuration() == configuration && m.point().clients() == clients)
            .toList();
    }

    private static double medianCommitsPerSecond(final List<Measurement> rounds)
    {
        return Median.of(rounds, m -> m.load().commitsPerSecond());
    }

    private static String format(final String pattern, final double value)
    {
        return String.format(Locale.ROOT, pattern, value);
    }
}

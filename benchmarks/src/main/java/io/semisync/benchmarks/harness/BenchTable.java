package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.benchmarks.report.HtmlReport;
import io.semisync.benchmarks.report.LatencyCurve;
import io.semisync.benchmarks.report.StageSplit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What {@code bench} measured on the user's source, one row per configuration and client count (the median over
 * rounds): commits/s and commit latency percentiles with the source's own view of each interval, the ratios of each
 * configuration to the references (semisync off, and semisync on without a delay), and our ACK latency by part. As
 * text, as Markdown and as an HTML report with charts.
 */
final class BenchTable
{
    private static final String RATIO_NOTE = "Each configuration against the references: median commits/s as a ratio, median p50 commit "
        + "latency as a difference:";
    private static final String ACK_NOTE = "Our ACK latency in microseconds by part, median over rounds, where the source's semisync "
        + "was on (each run covers the point's warm-up too):";

    private final BenchSettings settings;
    private final List<BenchConfiguration> configurations;
    private final String source;
    private final List<BenchMeasurement> measurements = new ArrayList<>();

    /** @param source  what ran, e.g. {@code mysql source 9.7.4-2 at db1:3306} */
    BenchTable(final BenchSettings settings, final List<BenchConfiguration> configurations, final String source)
    {
        this.settings = settings;
        this.configurations = configurations;
        this.source = source;
    }

    void add(final BenchMeasurement measurement)
    {
        measurements.add(measurement);
    }

    boolean isEmpty()
    {
        return measurements.isEmpty();
    }

    String text()
    {
        final String newline = System.lineSeparator();
        return summary() + newline + results().text() + newline + RATIO_NOTE + newline + ratios().text() + newline + ACK_NOTE + newline
            + acks().text();
    }

    String markdown()
    {
        return "# bench results\n\n" + summary().replace(System.lineSeparator(), "\n") + "\n" + results().markdown() + "\n" + RATIO_NOTE
            + "\n\n" + ratios().markdown() + "\n" + ACK_NOTE + "\n\n" + acks().markdown();
    }

    /** Per client count, each configuration's commit-latency CDF over all its rounds; where our ACK time goes, per point. */
    HtmlReport report()
    {
        final HtmlReport report = new HtmlReport("bench against " + source, text());
        for (final int clients : settings.clients())
        {
            final List<LatencyCurve> curves = new ArrayList<>();
            for (final BenchConfiguration configuration : configurations)
            {
                final List<BenchMeasurement> rounds = of(configuration, clients);
                if (!rounds.isEmpty())
                {
                    curves.add(new LatencyCurve(configuration.label(), ResultTable.merged(rounds.stream().map(BenchMeasurement::load).toList())));
                }
            }
            report.cdf(clients + (clients == 1 ? " client" : " clients") + ": commit latency", curves);
        }
        final List<StageSplit> splits = new ArrayList<>();
        forEachPoint((configuration, clients, rounds) ->
        {
            if (configuration.semisync())
            {
                splits.add(AckLatencyBreakdown.median(rounds.stream().map(BenchMeasurement::ackLatency).toList())
                    .stageSplit(configuration.code() + " " + clients + "c"));
            }
        });
        return report.stages("where our ACK time goes, median per stage", splits);
    }

    private String summary()
    {
        final String newline = System.lineSeparator();
        return String.format(Locale.ROOT, "Autocommit %d-byte INSERTs into %s.rows on %s; %s.%n", CommitLoad.ROW_BYTES, settings.scratchSchema(),
            source, settings)
            + "Figures are medians over rounds; no_tx delta (commits the source made without a semisync ACK) is summed over rounds. "
            + "Source's view of each interval: ACK wait = tx_wait_time / tx_waits; tx/group = transactions per binlog group commit; "
            + "ACKs/tx = ACKs per transaction our replica sent." + newline;
    }

    private Grid results()
    {
        final Grid grid = new Grid(1, "configuration", "clients", "commits/s", "p50 ms", "p99 ms", "p99.9 ms", "ACK wait us", "tx/group",
            "ACKs/tx", "no_tx delta", "rounds");
        forEachPoint((configuration, clients, rounds) ->
        {
            final List<LoadResult> loads = rounds.stream().map(BenchMeasurement::load).toList();
            grid.add(configuration.label(), Integer.toString(clients),
                format("%.0f", Median.of(loads, LoadResult::commitsPerSecond)),
                format("%.2f", Median.of(loads, LoadResult::p50Millis)),
                format("%.2f", Median.of(loads, LoadResult::p99Millis)),
                format("%.2f", Median.of(loads, load -> load.latency().getValueAtPercentile(99.9) / 1e6)),
                Median.text(rounds, m -> m.source().averageAckWaitMicros(), "%.0f"),
                Median.text(rounds, m -> m.source().transactionsPerGroup(), "%.2f"),
                Median.text(rounds, BenchMeasurement::acksPerTransaction, "%.2f"),
                configuration.semisync() ? Long.toString(rounds.stream().mapToLong(m -> m.source().noTx()).sum()) : "n/a",
                Integer.toString(rounds.size()));
        });
        return grid;
    }

    /** Against (0), semisync off, where it ran, and (1), semisync on without a delay. */
    private Grid ratios()
    {
        final List<BenchConfiguration> references = configurations.stream().filter(c -> c.replicaArgs().isEmpty()).toList();
        final List<String> header = new ArrayList<>(List.of("configuration", "clients"));
        references.forEach(reference -> header.addAll(List.of("commits/s vs " + reference.code(), "p50 vs " + reference.code())));
        final Grid grid = new Grid(1, header.toArray(String[]::new));
        forEachPoint((configuration, clients, rounds) ->
        {
            final List<String> row = new ArrayList<>(List.of(configuration.label(), Integer.toString(clients)));
            for (final BenchConfiguration reference : references)
            {
                final List<BenchMeasurement> theirs = of(reference, clients);
                final boolean comparable = !reference.equals(configuration) && !theirs.isEmpty();
                row.add(comparable ? format("%.2fx", median(rounds, LoadResult::commitsPerSecond) / median(theirs, LoadResult::commitsPerSecond))
                    : "");
                row.add(comparable ? format("%+.2f ms", median(rounds, LoadResult::p50Millis) - median(theirs, LoadResult::p50Millis)) : "");
            }
            grid.add(row.toArray(String[]::new));
        });
        return grid;
    }

    private Grid acks()
    {
        final Grid grid = new Grid(1, "configuration", "clients", "ACKs", "part", "p50 us", "p99 us", "max us");
        forEachPoint((configuration, clients, rounds) ->
        {
            if (configuration.semisync())
            {
                AckLatencyBreakdown.median(rounds.stream().map(BenchMeasurement::ackLatency).toList())
                    .addRows(grid, configuration.label(), Integer.toString(clients));
            }
        });
        return grid;
    }

    /** A point's rounds, for each point measured, in table order. */
    @FunctionalInterface
    private interface PointRounds
    {
        void accept(BenchConfiguration configuration, int clients, List<BenchMeasurement> rounds);
    }

    private void forEachPoint(final PointRounds action)
    {
        for (final BenchConfiguration configuration : configurations)
        {
            for (final int clients : settings.clients())
            {
                final List<BenchMeasurement> rounds = of(configuration, clients);
                if (!rounds.isEmpty())
                {
                    action.accept(configuration, clients, rounds);
                }
            }
        }
    }

    private List<BenchMeasurement> of(final BenchConfiguration configuration, final int clients)
    {
        return measurements.stream().filter(m -> m.configuration().equals(configuration) && m.clients() == clients).toList();
    }

    private static double median(final List<BenchMeasurement> rounds, final ToDoubleFunction<LoadResult> figure)
    {
        return Median.of(rounds.stream().map(BenchMeasurement::load).toList(), figure);
    }

    private static String format(final String pattern, final double value)
    {
        return String.format(Locale.ROOT, pattern, value);
    }
}

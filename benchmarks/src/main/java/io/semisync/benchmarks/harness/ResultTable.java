package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.CommitLoad;
import io.semisync.benchmarks.load.LoadResult;
import io.semisync.sources.Flavor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the harness measured, reduced to one row per flavor, configuration and client count (the median over
 * rounds), the ratios of our commits/s to the native replica's with the targets, and our ACK latency. Renders as
 * text for the terminal and as Markdown for {@code benchmarks/target/e2e-results.md}.
 */
final class ResultTable
{
    private static final List<Configuration> BASELINES = List.of(
        Configuration.NATIVE_DURABLE, Configuration.NATIVE_DEFAULT,
        Configuration.NATIVE_DURABLE_APPLIER, Configuration.NATIVE_DEFAULT_APPLIER);

    private final HarnessSettings settings;
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<Flavor, String> servers = new EnumMap<>(Flavor.class);
    private final Map<Flavor, Map<Integer, List<AckLatencyBreakdown>>> ackLatency = new EnumMap<>(Flavor.class);

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

    void addAckLatency(final Flavor flavor, final int clients, final AckLatencyBreakdown breakdown)
    {
        ackLatency.computeIfAbsent(flavor, f -> new LinkedHashMap<>()).computeIfAbsent(clients, c -> new ArrayList<>()).add(breakdown);
    }

    boolean isEmpty()
    {
        return measurements.isEmpty();
    }

    String text()
    {
        final StringBuilder text = new StringBuilder(summary()).append(System.lineSeparator());
        text.append(results().text()).append(System.lineSeparator());
        text.append("Ours relative to the native replica (median commits/s; targets apply to the I/O-only rows):")
            .append(System.lineSeparator()).append(ratios().text()).append(System.lineSeparator());
        text.append(ackNote()).append(System.lineSeparator()).append(acks().text());
        return text.toString();
    }

    String markdown()
    {
        return "# End-to-end benchmark results\n\n" + summary().replace(System.lineSeparator(), "\n") + "\n"
            + results().markdown() + "\n"
            + "Ours relative to the native replica (median commits/s; targets apply to the I/O-only rows):\n\n" + ratios().markdown() + "\n"
            + ackNote() + "\n\n" + acks().markdown();
    }

    private String summary()
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Autocommit %d-byte INSERTs; %s.%n", CommitLoad.ROW_BYTES, settings));
        text.append("Figures are medians over rounds; no_tx delta (commits the source made without a semisync ACK) is summed over rounds.")
            .append(System.lineSeparator());
        servers.forEach((flavor, description) -> text.append(flavor).append(": ").append(description).append(System.lineSeparator()));
        return text.toString();
    }

    private Grid results()
    {
        final Grid grid = new Grid(2, "flavor", "configuration", "clients", "commits/s", "p50 ms", "p99 ms", "no_tx delta", "rounds");
        for (final Flavor flavor : flavors())
        {
            for (final Point point : settings.points())
            {
                final List<Measurement> rounds = of(flavor, point.configuration(), point.clients());
                if (!rounds.isEmpty())
                {
                    final List<LoadResult> loads = rounds.stream().map(Measurement::load).toList();
                    grid.add(flavor.toString(), point.configuration().label(), Integer.toString(point.clients()),
                        format("%.0f", Median.of(loads, LoadResult::commitsPerSecond)),
                        format("%.2f", Median.of(loads, LoadResult::p50Millis)),
                        format("%.2f", Median.of(loads, LoadResult::p99Millis)),
                        noTxDelta(point, rounds),
                        Integer.toString(rounds.size()));
                }
            }
        }
        return grid;
    }

    private Grid ratios()
    {
        final Grid grid = new Grid(2, "flavor", "ours / baseline", "clients", "ratio", "target", "met");
        for (final Flavor flavor : flavors())
        {
            for (final Configuration baseline : BASELINES)
            {
                for (final int clients : HarnessSettings.CLIENTS)
                {
                    final List<Measurement> ours = of(flavor, Configuration.OURS, clients);
                    final List<Measurement> theirs = of(flavor, baseline, clients);
                    if (!ours.isEmpty() && !theirs.isEmpty())
                    {
                        final double ratio = medianCommitsPerSecond(ours) / medianCommitsPerSecond(theirs);
                        final Optional<RatioTarget> target = RatioTarget.of(baseline, clients);
                        grid.add(flavor.toString(), baseline.label(), Integer.toString(clients), format("%.2fx", ratio),
                            target.map(t -> format(">= %.1fx", t.minimum())).orElse(""),
                            target.map(t -> t.metBy(ratio) ? "yes" : "NO").orElse(""));
                    }
                }
            }
        }
        return grid;
    }

    private String ackNote()
    {
        return "Our ACK latency in microseconds, from reading an event the source flagged to writing its ACK (median over rounds; "
            + "each run covers the point's warm-up too):";
    }

    private Grid acks()
    {
        final Grid grid = new Grid(1, "flavor", "clients", "ACKs", "part", "p50 us", "p99 us", "max us");
        ackLatency.forEach((flavor, byClients) -> byClients.forEach((clients, runs) ->
        {
            final AckLatencyBreakdown median = AckLatencyBreakdown.median(runs);
            for (final AckLatencyBreakdown.Part part : median.parts())
            {
                grid.add(flavor.toString(), Integer.toString(clients), Long.toString(median.acks()), part.name(),
                    format("%.1f", part.p50()), format("%.1f", part.p99()), format("%.1f", part.max()));
            }
        }));
        return grid;
    }

    /** Summed over rounds; without a semisync replica every commit counts as no_tx, so it says nothing. */
    private static String noTxDelta(final Point point, final List<Measurement> rounds)
    {
        return point.configuration().semisyncClients() == 0 ? "n/a" : Long.toString(rounds.stream().mapToLong(Measurement::noTxDelta).sum());
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

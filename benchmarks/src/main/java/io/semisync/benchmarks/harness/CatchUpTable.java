package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The catch-up rounds reduced to medians per flavor: seconds and MB/s (10^6 bytes of binlog per second) of ours, from
 * the JVM's start and from its streaming start, and of the flavor's binlog client, without and with the sync of its
 * files, then our MB/s over theirs. Renders as text and as Markdown.
 */
final class CatchUpTable
{
    private static final String RATIO_NOTE = "Ours relative to the binlog client (MB/s over MB/s, medians):";

    private final CatchUpSettings settings;
    private final List<CatchUpRound> rounds = new ArrayList<>();
    private final Map<Flavor, String> sources = new EnumMap<>(Flavor.class);

    CatchUpTable(final CatchUpSettings settings)
    {
        this.settings = settings;
    }

    /** Records the source and what it held, e.g. {@code source 9.7.4-2, 2 files binlog.000001 to ..., 1073790000 bytes}. */
    void describeSource(final Flavor flavor, final String description)
    {
        sources.put(flavor, description);
    }

    void add(final CatchUpRound round)
    {
        rounds.add(round);
    }

    boolean isEmpty()
    {
        return rounds.isEmpty();
    }

    String text()
    {
        final String newline = System.lineSeparator();
        return summary() + newline + times().text() + newline + RATIO_NOTE + newline + ratios().text();
    }

    String markdown()
    {
        return "# Catch-up benchmark results\n\n" + summary().replace(System.lineSeparator(), "\n") + "\n" + times().markdown() + "\n"
            + RATIO_NOTE + "\n\n" + ratios().markdown();
    }

    private String summary()
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Catch-up: %s; medians over rounds, MB = 10^6 bytes of "
            + "binlog. Ours: empty data directory, --start-position OLDEST --semisync false, until stored, SIGTERM and its final sync; "
            + "theirs: --read-from-remote-server --raw --to-last-log into a directory on the same disk, then sync of the files.%n", settings));
        sources.forEach((flavor, description) -> text.append(flavor).append(": ").append(description).append(newline));
        return text.toString();
    }

    private Grid times()
    {
        final Grid grid = new Grid(2, "flavor", "what", "binlog MB", "seconds", "MB/s", "rounds");
        for (final Flavor flavor : flavors())
        {
            final List<CatchUpRound> of = of(flavor);
            final String client = RawBinlogDownload.client(flavor);
            row(grid, flavor, "ours, JVM start to stored and synced", of, r -> r.ours().seconds());
            row(grid, flavor, "ours, streaming start to stored and synced", of, r -> r.ours().streamingSeconds());
            if (of.stream().allMatch(r -> r.baseline() != null))
            {
                row(grid, flavor, "ours baseline build, JVM start to stored and synced", of, r -> r.baseline().seconds());
                row(grid, flavor, "ours baseline build, streaming start to stored and synced", of, r -> r.baseline().streamingSeconds());
            }
            row(grid, flavor, client + " --raw, download", of, r -> r.theirs().downloadSeconds());
            row(grid, flavor, client + " --raw, download and sync", of, r -> r.theirs().seconds());
        }
        return grid;
    }

    private Grid ratios()
    {
        final Grid grid = new Grid(2, "flavor", "ours", "vs download", "vs download and sync");
        for (final Flavor flavor : flavors())
        {
            final List<CatchUpRound> of = of(flavor);
            final double download = Median.of(of, r -> r.theirs().downloadSeconds());
            final double synced = Median.of(of, r -> r.theirs().seconds());
            ratios(grid, flavor, "", of, CatchUpRound::ours, download, synced);
            if (of.stream().allMatch(r -> r.baseline() != null))
            {
                ratios(grid, flavor, "baseline build, ", of, CatchUpRound::baseline, download, synced);
            }
        }
        return grid;
    }

    private static void ratios(final Grid grid, final Flavor flavor, final String build, final List<CatchUpRound> rounds,
        final Function<CatchUpRound, OurCatchUp.Times> side, final double download, final double synced)
    {
        for (final boolean fromStreaming : new boolean[] {false, true})
        {
            final double ours = Median.of(rounds, r -> fromStreaming ? side.apply(r).streamingSeconds() : side.apply(r).seconds());
            grid.add(flavor.toString(), build + (fromStreaming ? "from streaming start" : "from JVM start"),
                format("%.2fx", download / ours), format("%.2fx", synced / ours));
        }
    }

    private static void row(final Grid grid, final Flavor flavor, final String what, final List<CatchUpRound> rounds,
        final ToDoubleFunction<CatchUpRound> seconds)
    {
        final double bytes = Median.of(rounds, CatchUpRound::bytes);
        final double median = Median.of(rounds, seconds);
        grid.add(flavor.toString(), what, format("%.0f", bytes / 1e6), format("%.2f", median), format("%.0f", bytes / 1e6 / median),
            Integer.toString(rounds.size()));
    }

    private List<Flavor> flavors()
    {
        return settings.flavors().stream().filter(flavor -> !of(flavor).isEmpty()).toList();
    }

    private List<CatchUpRound> of(final Flavor flavor)
    {
        return rounds.stream().filter(r -> r.flavor() == flavor).toList();
    }

    private static String format(final String pattern, final double value)
    {
        return String.format(Locale.ROOT, pattern, value);
    }
}

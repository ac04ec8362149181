package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.report.StageSplit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our replica's ACK latency split into parts (waiting, sync: the durability barrier, send, total, and whatever parts
 * a build prints), as its {@code run} command prints it on SIGTERM: {@code ACK latency (us) over N ACKs:}, a header
 * line, then one line per part: its name and p50, p99 and max.
 *
 * @param acks   ACKs the replica sent
 * @param parts  the parts in the order printed
 */
record AckLatencyBreakdown(long acks, List<AckLatencyBreakdown.Part> parts)
{
    private static final Pattern HEADER = Pattern.compile("^ACK latency \\(us\\) over (\\d+) ACKs:$", Pattern.MULTILINE);
    private static final Pattern PART = Pattern.compile("^\\s+([A-Za-z][\\w-]*)\\s+([\\d.,]+)\\s+([\\d.,]+)\\s+([\\d.,]+)\\s*$");
    /** Parts that add up others, not a stage of their own: left out of a stacked breakdown. */
    private static final Set<String> SUMS = Set.of("total", "commit-to-ack");

    /**
     * One part in microseconds.
     *
     * @param name  e.g. {@code waiting}, {@code sync}, {@code send} or {@code total}
     */
    record Part(String name, double p50, double p99, double max)
    {
        /** Whether the part is one stage of the way, not a sum of stages such as {@code total}. */
        boolean isStage()
        {
            return !SUMS.contains(name);
        }
    }

    /** Reads the table from the replica's stdout; throws if it is not there (the replica did not stop cleanly). */
    static AckLatencyBreakdown parse(final String stdout)
    {
        final Matcher header = HEADER.matcher(stdout);
        if (!header.find())
        {
            throw new IllegalStateException("our replica printed no ACK latency table on SIGTERM; its stdout ends with: "
                + stdout.substring(Math.max(0, stdout.length() - 500)));
        }
        final List<Part> parts = new ArrayList<>();
        // after the header: the end of its line and the column names, then one line per part until the table ends
        final List<String> lines = stdout.substring(header.end()).lines().skip(2).toList();
        for (final String line : lines)
        {
            final Matcher part = PART.matcher(line);
            if (!part.matches())
            {
                break;
            }
            parts.add(new Part(part.group(1), number(part.group(2)), number(part.group(3)), number(part.group(4))));
        }
        return new AckLatencyBreakdown(Long.parseLong(header.group(1)), List.copyOf(parts));
    }

    /** Each figure's median over several runs of the same point. */
    static AckLatencyBreakdown median(final List<AckLatencyBreakdown> runs)
    {
        final List<Part> parts = new ArrayList<>();
        for (final Part first : runs.get(0).parts())
        {
            final List<Part> same = runs.stream().flatMap(run -> run.parts().stream()).filter(p -> p.name().equals(first.name())).toList();
            parts.add(new Part(first.name(), Median.of(same, Part::p50), Median.of(same, Part::p99), Median.of(same, Part::max)));
        }
        return new AckLatencyBreakdown(Math.round(Median.of(runs, AckLatencyBreakdown::acks)), List.copyOf(parts));
    }

    /** Adds one row per part to {@code grid}: the {@code leading} cells, the ACK count, the part's name, p50, p99 and max. */
    void addRows(final Grid grid, final String... leading)
    {
        for (final Part part : parts)
        {
            final List<String> row = new ArrayList<>(List.of(leading));
            row.addAll(List.of(Long.toString(acks), part.name(), format(part.p50()), format(part.p99()), format(part.max())));
            grid.add(row.toArray(String[]::new));
        }
    }

    private static String format(final double micros)
    {
        return String.format(Locale.ROOT, "%.1f", micros);
    }

    /** The p50 of each stage (the parts that are not sums), in the order printed, for a stacked chart. */
    StageSplit stageSplit(final String label)
    {
        final Map<String, Double> stages = new LinkedHashMap<>();
        parts.stream().filter(Part::isStage).forEach(part -> stages.put(part.name(), part.p50()));
        return new StageSplit(label, stages);
    }

    private static double number(final String text)
    {
        return Double.parseDouble(text.replace(',', '.'));
    }
}

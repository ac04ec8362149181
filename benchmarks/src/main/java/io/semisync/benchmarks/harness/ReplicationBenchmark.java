package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The end-to-end harness ({@code scripts/bench-e2e [mysql|mariadb|both] [seconds-per-point] [rounds]}): what a
 * semisync replica costs a real source's committers, ours against the flavor's own replica (durable and default
 * {@code sync_relay_log}, I/O thread only and with the applier) and against no replica, interleaved in one run.
 * Prints the median table, the ratios and our ACK latency, and writes them to {@code benchmarks/target/e2e-results.md},
 * and an HTML report with charts to {@code benchmarks/target/e2e-report/index.html}.
 */
public final class ReplicationBenchmark
{
    private static final PrintStream OUT = System.out;

    private ReplicationBenchmark()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final HarnessSettings settings;
        try
        {
            settings = HarnessSettings.fromArgs(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench-e2e: " + ex.getMessage());
            System.exit(2);
            return;
        }
        OUT.printf(Locale.ROOT, "== End-to-end benchmark: %s; about %d minutes plus server start-up%n",
            settings, Math.max(1, Math.round(settings.estimate().toSeconds() / 60.0)));
        final ResultTable table = new ResultTable(settings);
        try
        {
            for (final Flavor flavor : settings.flavors())
            {
                new FlavorBenchmark(settings, table, OUT, flavor).run();
            }
        }
        finally
        {
            if (!table.isEmpty())
            {
                OUT.println();
                OUT.print(table.text());
                Files.createDirectories(HarnessSettings.RESULTS_FILE.getParent());
                Files.writeString(HarnessSettings.RESULTS_FILE, table.markdown());
                OUT.println("== Written to " + HarnessSettings.RESULTS_FILE);
                OUT.println("== Report: " + table.report().write(HarnessSettings.REPORT_DIRECTORY));
            }
        }
    }
}

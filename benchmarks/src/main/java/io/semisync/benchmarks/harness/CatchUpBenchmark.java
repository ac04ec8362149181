package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The catch-up benchmark ({@code scripts/bench-e2e catchup [mysql|mariadb|both] [MiB] [rounds]}): a source holding MiB
 * of binlog in 1 KiB rows, stored by our replica from an empty data directory against downloaded by the flavor's own
 * binlog client with {@code --raw}, in alternating order over rounds. Prints the medians and the ratios and writes
 * them to {@code benchmarks/target/catchup-results.md}.
 */
public final class CatchUpBenchmark
{
    private static final PrintStream OUT = System.out;
    /** The longest one side may take to store the binlog: generous, at 2 MB/s. */
    private static final long SLOWEST_BYTES_PER_SECOND = 2_000_000;

    private CatchUpBenchmark()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final CatchUpSettings settings;
        try
        {
            settings = CatchUpSettings.fromArgs(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench-e2e catchup: " + ex.getMessage());
            System.exit(2);
            return;
        }
        OUT.println("== Catch-up benchmark: " + settings);
        Files.createDirectories(CatchUpSettings.WORK_DIRECTORY);
        final CatchUpTable table = new CatchUpTable(settings);
        try
        {
            for (final Flavor flavor : settings.flavors())
            {
                run(settings, table, flavor);
            }
        }
        finally
        {
            if (!table.isEmpty())
            {
                OUT.println();
                OUT.print(table.text());
                Files.writeString(CatchUpSettings.RESULTS_FILE, table.markdown());
                OUT.println("== Written to " + CatchUpSettings.RESULTS_FILE);
            }
        }
    }

    /** Writes back what the filler or the previous turn left dirty, so that no turn pays for another's writes. */
    private static void flushPageCache()
    {
        try
        {
            final Process sync = new ProcessBuilder("sync").inheritIO().start();
            if (sync.waitFor() != 0)
            {
                throw new IllegalStateException("sync exited with " + sync.exitValue());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run sync", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running sync", ex);
        }
    }

    /**
     * An unmeasured catch-up of {@code jar} whose JVM writes the class-data archive the measured turns start with, as a
     * replica started again with its archive would (README "Running the replica").
     */
    private static ClassDataArchive train(final Path jar, final String name, final SourceServer source, final SourceBinlogs binlogs,
        final Duration timeout)
    {
        final ClassDataArchive archive = ClassDataArchive.in(CatchUpSettings.WORK_DIRECTORY, name);
        OurCatchUp.run(jar, archive.writingFlags(), source, binlogs, name + "-training", timeout);
        OUT.println("   " + name + ": an unmeasured turn wrote the class-data archive the measured turns start with");
        return archive;
    }

    private static void run(final CatchUpSettings settings, final CatchUpTable table, final Flavor flavor)
    {
        OUT.println("== " + flavor + ": starting the source");
        try (SourceServer source = SourceServers.start(flavor, SourceOptions.defaults()))
        {
            OUT.printf(Locale.ROOT, "   source %s at %s:%d; writing %d MiB of binlog in 1 KiB rows... ", source.version(), source.host(),
                source.port(), settings.binlogBytes() >> 20);
            OUT.flush();
            final long started = System.nanoTime();
            SourceBinlogs binlogs = BinlogFiller.fill(source, settings.binlogBytes());
            OUT.printf(Locale.ROOT, "%s in %.0f s%n", binlogs, (System.nanoTime() - started) / 1e9);
            final Duration timeout = Duration.ofSeconds(60 + binlogs.bytes() / SLOWEST_BYTES_PER_SECOND);
            final ClassDataArchive oursArchive = train(settings.replicaJar(), flavor + "-ours", source, binlogs, timeout);
            final ClassDataArchive baselineArchive = settings.baselineJar().isPresent()
                ? train(settings.baselineJar().get(), flavor + "-baseline", source, binlogs, timeout) : null;
            for (int round = 1; round <= settings.rounds(); round++)
            {
                binlogs = SourceBinlogs.of(source);
                table.describeSource(flavor, "source " + source.version() + ", " + binlogs);
                final String name = String.format(Locale.ROOT, "%s-round%d", flavor, round);
                OurCatchUp.Times ours = null;
                OurCatchUp.Times baseline = null;
                RawBinlogDownload.Times theirs = null;
                final int sides = settings.baselineJar().isPresent() ? 3 : 2;
                for (int turn = 0; turn < sides; turn++)
                {
                    flushPageCache();
                    final int side = (turn + round) % sides;
                    if (side == 1)
                    {
                        ours = OurCatchUp.run(settings.replicaJar(), oursArchive.usingFlags(), source, binlogs, name + "-ours", timeout);
                        print(flavor, round, settings, "ours", ours, binlogs);
                    }
                    else if (side == 2)
                    {
                        baseline = OurCatchUp.run(settings.baselineJar().orElseThrow(), baselineArchive.usingFlags(), source, binlogs,
                            name + "-baseline", timeout);
                        print(flavor, round, settings, "ours, baseline build", baseline, binlogs);
                    }
                    else
                    {
                        theirs = RawBinlogDownload.run(settings, source, binlogs, name + "-" + RawBinlogDownload.client(flavor), timeout);
                        OUT.printf(Locale.ROOT, "[%s round %d/%d] %s --raw: %.2f s download (%.0f MB/s), %.2f s with sync (%.0f MB/s), "
                            + "CPU %.2f s%n", flavor, round, settings.rounds(), RawBinlogDownload.client(flavor), theirs.downloadSeconds(),
                            binlogs.bytes() / 1e6 / theirs.downloadSeconds(), theirs.seconds(), binlogs.bytes() / 1e6 / theirs.seconds(),
                            theirs.cpuSeconds());
                    }
                }
                if (!SourceBinlogs.of(source).equals(binlogs))
                {
                    throw new IllegalStateException("the source's binlog changed during round " + round + ": " + binlogs + " became "
                        + SourceBinlogs.of(source));
                }
                table.add(new CatchUpRound(flavor, round, binlogs.bytes(), ours, theirs, baseline));
            }
        }
    }

    private static void print(final Flavor flavor, final int round, final CatchUpSettings settings, final String side,
        final OurCatchUp.Times times, final SourceBinlogs binlogs)
    {
        OUT.printf(Locale.ROOT, "[%s round %d/%d] %s: %.2f s from JVM start (%.0f MB/s), %.2f s from streaming start (%.0f MB/s), "
            + "CPU %.2f s (JIT compilers %.2f s)%n", flavor, round, settings.rounds(), side, times.seconds(),
            binlogs.bytes() / 1e6 / times.seconds(), times.streamingSeconds(), binlogs.bytes() / 1e6 / times.streamingSeconds(),
            times.cpuSeconds(), times.compilerSeconds());
    }
}

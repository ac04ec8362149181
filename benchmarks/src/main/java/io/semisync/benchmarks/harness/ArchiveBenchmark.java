package io.semisync.benchmarks.harness;

import io.semisync.replica.DataDirectory;
import io.semisync.replica.export.BinlogExport;
import io.semisync.replica.export.ExportRange;
import io.semisync.replica.export.ExportResult;
import io.semisync.sources.ClientPrograms;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogFile;
import io.semisync.storage.relaylog.RelayLogWriter;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The archive benchmark ({@code scripts/bench-e2e archive [mysql|mariadb|both] [MiB] [rounds]}): a source holding MiB
 * of binlog in rows of varied text (numbers, a status word, hex digests: each row fresh, so it compresses as row data
 * does, not as repeated bytes), stored by our replica from the oldest binlog; then, in alternating order over rounds,
 * {@code export} of the whole relay log against copying the source's own binlog files ({@code cp}, then {@code sync}
 * of the copies), in MB/s of binlog; then the relay log compressed ({@code --compress-relay-log}'s zstd, its one
 * file closed by a marker transaction in a later file of a copy): the ratio, the compression speed, and an export of
 * the compressed copy, which must give the same bytes as the plain one.
 */
public final class ArchiveBenchmark
{
    private static final PrintStream OUT = System.out;
    private static final Path WORK = Path.of("benchmarks", "target", "archive");
    private static final long SLOWEST_BYTES_PER_SECOND = 2_000_000;
    private static final int SEED_ROWS = 16_384;
    private static final long FILE_BYTES = 64L << 20;
    private static final String DATABASE = "semisync_archive";
    private static final String ROW = "CONCAT_WS(',', FLOOR(RAND() * 1000000), NOW(6), ELT(1 + FLOOR(RAND() * 5), 'pending', 'paid', "
        + "'shipped', 'delivered', 'returned'), SHA2(RAND(), 256), ROUND(RAND() * 10000, 2), SHA2(RAND(), 224))";

    private ArchiveBenchmark()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length > 3)
        {
            System.err.println("usage: scripts/bench-e2e archive [mysql|mariadb|both] [MiB] [rounds]");
            System.exit(2);
        }
        final List<Flavor> flavors = HarnessSettings.flavors(args.length > 0 ? args[0] : "mysql");
        final long bytes = (args.length > 1 ? HarnessSettings.positive("MiB", args[1]) : 512) << 20;
        final int rounds = Math.toIntExact(args.length > 2 ? HarnessSettings.positive("rounds", args[2]) : 3);
        final Path jar = HarnessSettings.replicaJarProperty();
        Files.createDirectories(WORK);
        for (final Flavor flavor : flavors)
        {
            run(flavor, bytes, rounds, jar);
        }
    }

    private static void run(final Flavor flavor, final long bytes, final int rounds, final Path jar)
    {
        try (SourceServer source = SourceServers.start(flavor, SourceOptions.defaults()))
        {
            OUT.printf(Locale.ROOT, "== %s %s: writing %d MiB of binlog... ", flavor, source.version(), bytes >> 20);
            OUT.flush();
            final SourceBinlogs binlogs = fill(source, bytes);
            OUT.println(binlogs);
            OurCatchUp.run(jar, List.of(), source, binlogs, flavor + "-archive",
                Duration.ofSeconds(60 + binlogs.bytes() / SLOWEST_BYTES_PER_SECOND),
                dataDirectory ->
                {
                    final Path relayLogDir = DataDirectory.relayLogOf(dataDirectory);
                    exportAgainstCopy(flavor, relayLogDir, sourceDataDir(source), binlogs, rounds);
                    compression(flavor, relayLogDir, binlogs);
                });
        }
    }

    /** The whole relay log exported against cp + sync of the source's binlog files, alternating first turns over rounds. */
    private static void exportAgainstCopy(final Flavor flavor, final Path relayLogDir, final Path binlogDir, final SourceBinlogs binlogs,
        final int rounds)
    {
        final List<Double> exportSeconds = new ArrayList<>();
        final List<Double> copySeconds = new ArrayList<>();
        long exported = 0;
        for (int round = 1; round <= rounds; round++)
        {
            for (int turn = 0; turn < 2; turn++)
            {
                sync();
                if ((turn + round) % 2 == 0)
                {
                    final long started = System.nanoTime();
                    exported = export(relayLogDir, WORK.resolve("export"), ExportRange.ALL).bytes();
                    exportSeconds.add((System.nanoTime() - started) / 1e9);
                }
                else
                {
                    copySeconds.add(copy(binlogDir, binlogs, WORK.resolve("copy")));
                }
            }
            OUT.printf(Locale.ROOT, "[%s round %d/%d] export %.0f MB/s, cp + sync %.0f MB/s%n", flavor, round, rounds,
                exported / 1e6 / exportSeconds.get(round - 1), binlogs.bytes() / 1e6 / copySeconds.get(round - 1));
        }
        OUT.printf(Locale.ROOT, "== %s export of %d MB: median %.0f MB/s; cp + sync of the source's %d files: median %.0f MB/s%n",
            flavor, exported / 1_000_000, exported / 1e6 / Median.of(exportSeconds, Double::doubleValue), binlogs.files().size(),
            binlogs.bytes() / 1e6 / Median.of(copySeconds, Double::doubleValue));
    }

    /** Compresses a copy of the relay log, exports it and checks the export against the plain one. */
    private static void compression(final Flavor flavor, final Path relayLogDir, final SourceBinlogs binlogs)
    {
        final Path copy = WORK.resolve("compressed-relay-log");
        Directories.deleteRecursively(copy);
        run("cp", "-r", relayLogDir.toString(), copy.toString());
        final long plainBytes = relayLogBytes(copy);
        final SetTimeProvider later = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(1)));
        final long started;
        final long compressedBytes;
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(copy).timeProvider(later).compressClosedFiles(true).validate()))
        {
            appendMarker(relayLog);
            sync();
            started = System.nanoTime();
            relayLog.compressClosedFiles();
            compressedBytes = relayLog.files().stream().filter(file -> file.name().endsWith(".zst")).mapToLong(RelayLogFile::size).sum();
        }
        final double compressSeconds = (System.nanoTime() - started) / 1e9;
        final ExportRange real = ExportRange.files(null, binlogs.newest().name());
        sync();
        final long exportStarted = System.nanoTime();
        final ExportResult fromCompressed = export(copy, WORK.resolve("export-compressed"), real);
        final double exportSeconds = (System.nanoTime() - exportStarted) / 1e9;
        export(relayLogDir, WORK.resolve("export"), real);
        for (final String file : fromCompressed.files())
        {
            if (!Arrays.equals(bytes(WORK.resolve("export").resolve(file)), bytes(WORK.resolve("export-compressed").resolve(file))))
            {
                throw new IllegalStateException("the export of the compressed relay log differs from the plain one in " + file);
            }
        }
        OUT.printf(Locale.ROOT, "== %s zstd: %d MB of relay log (%d MB of binlog events) to %d MB: %.2fx the relay-log files, %.2fx the binlog; "
                + "compressed at %.0f MB/s; export from the compressed relay log %.0f MB/s (same bytes as from the plain one)%n",
            flavor, plainBytes / 1_000_000, fromCompressed.bytes() / 1_000_000, compressedBytes / 1_000_000, (double)plainBytes / compressedBytes,
            (double)fromCompressed.bytes() / compressedBytes, plainBytes / 1e6 / compressSeconds, fromCompressed.bytes() / 1e6 / exportSeconds);
        Directories.deleteRecursively(copy);
    }

    /** A complete transaction in a relay-log file of its own, so that the one before it is closed. */
    private static void appendMarker(final RelayLog relayLog)
    {
        try (RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata().sourceFileName("archive-benchmark-marker").eventType(0).endPosition(1)
                .flags(RecordFlags.TRANSACTION_END);
            writer.append(metadata, new UnsafeBuffer(new byte[19]), 0, 19);
            writer.sync();
        }
    }

    private static long relayLogBytes(final Path directory)
    {
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(directory).readOnly(true).validate()))
        {
            return relayLog.files().stream().mapToLong(RelayLogFile::size).sum();
        }
    }

    private static ExportResult export(final Path relayLogDir, final Path output, final ExportRange range)
    {
        Directories.deleteRecursively(output);
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogDir).readOnly(true).validate()))
        {
            return BinlogExport.export(relayLog, output, range);
        }
    }

    /** {@code cp} of the source's binlog files, then {@code sync} of the copies: seconds. */
    private static double copy(final Path binlogDir, final SourceBinlogs binlogs, final Path target)
    {
        Directories.deleteRecursively(target);
        run("mkdir", "-p", target.toString());
        final List<String> copy = new ArrayList<>(List.of("cp"));
        final List<String> sync = new ArrayList<>(List.of("sync"));
        for (final SourceBinlogs.File file : binlogs.files())
        {
            copy.add(binlogDir.resolve(file.name()).toString());
            sync.add(target.resolve(file.name()).toString());
        }
        copy.add(target.toString());
        final long started = System.nanoTime();
        run(copy.toArray(new String[0]));
        run(sync.toArray(new String[0]));
        return (System.nanoTime() - started) / 1e9;
    }

    /** Fills the source with fresh rows, 16384 per transaction, rotating its binlog every {@value #FILE_BYTES} bytes. */
    private static SourceBinlogs fill(final SourceServer source, final long bytes)
    {
        source.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE,
            "CREATE TABLE IF NOT EXISTS " + DATABASE + ".seed (id BIGINT AUTO_INCREMENT PRIMARY KEY)",
            "CREATE TABLE IF NOT EXISTS " + DATABASE + ".orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(400) NOT NULL)",
            "INSERT INTO " + DATABASE + ".seed (id) VALUES (NULL)");
        while (Long.parseLong(source.queryValue("SELECT COUNT(*) FROM " + DATABASE + ".seed")) < SEED_ROWS)
        {
            source.execute("INSERT INTO " + DATABASE + ".seed (id) SELECT NULL FROM " + DATABASE + ".seed");
        }
        final String insert = "INSERT INTO " + DATABASE + ".orders (payload) SELECT " + ROW + " FROM " + DATABASE + ".seed LIMIT "
            + SEED_ROWS;
        SourceBinlogs binlogs = SourceBinlogs.of(source);
        while (binlogs.bytes() < bytes)
        {
            source.execute(insert);
            binlogs = SourceBinlogs.of(source);
            if (binlogs.newest().bytes() >= FILE_BYTES)
            {
                source.execute("FLUSH BINARY LOGS");
            }
        }
        return SourceBinlogs.settled(source);
    }

    private static Path sourceDataDir(final SourceServer source)
    {
        final String dataDir = source.queryValue("SELECT @@global.datadir");
        return source.flavor() == Flavor.MYSQL ? ClientPrograms.mysqlRoot().resolve(dataDir.substring(1)) : Path.of(dataDir);
    }

    private static byte[] bytes(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private static void sync()
    {
        run("sync");
    }

    private static void run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0)
            {
                throw new IllegalStateException(command[0] + " exited with " + process.exitValue());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + command[0], ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], ex);
        }
    }
}

package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the harness, each with its default and meaning, from the command line
 * {@code [mysql|mariadb|both] [seconds-per-point] [rounds]}, the environment variable {@code SEMISYNC_BENCH_CONFIGS}
 * and the system property {@code semisync.replica.jar}. {@link #fromArgs} turns a bad setting into a clear message
 * before any server starts.
 */
final class HarnessSettings
{
    /** Which flavors to measure: {@code mysql}, {@code mariadb} or {@code both}. */
    static final String DEFAULT_FLAVORS = "both";
    /** Seconds of measured load per point (one configuration at one client count). */
    static final long DEFAULT_SECONDS_PER_POINT = 5;
    /** Rounds over every point; the table shows the median over rounds. */
    static final int DEFAULT_ROUNDS = 3;
    /** A slice of unmeasured load before each point, repeated until our replica's JIT is done ({@link WarmUp}). */
    static final Duration WARMUP = Duration.ofSeconds(2);
    /** Client threads of the warm-up, whatever the point's: many commits, to get our replica's ACK path compiled. */
    static final int WARMUP_CLIENTS = 8;
    /** Names the configurations to measure, comma-separated keys of {@link Configuration}; unset or {@code all} for every one. */
    static final String CONFIGURATIONS_VARIABLE = "SEMISYNC_BENCH_CONFIGS";
    /**
     * Our replica's jar of an earlier build for configuration (1b), e.g. the commit before a change, with its lib/
     * directory beside it; unset leaves (1b) out of {@code all}.
     */
    static final String BASELINE_JAR_VARIABLE = "SEMISYNC_BASELINE_JAR";
    /** Client threads of the points. */
    static final List<Integer> CLIENTS = List.of(1, 8);
    /** Our replica's runnable jar ({@code java -jar ... run}); scripts/bench-e2e sets it. */
    static final String REPLICA_JAR_PROPERTY = "semisync.replica.jar";
    /** Relay logs and the stdout and stderr of our replica, one file pair per point. */
    static final Path WORK_DIRECTORY = Path.of("benchmarks", "target", "e2e");
    /**
     * Our replica's data directory in the tmpfs configuration: a RAM file system, where a sync does not reach a disk;
     * removed after each point.
     */
    static final Path TMPFS_DATA_DIRECTORY = Path.of("/dev/shm", "semisync-bench-e2e-replica");
    /** The result table as Markdown. */
    static final Path RESULTS_FILE = Path.of("benchmarks", "target", "e2e-results.md");
    /** The HTML report with its charts. */
    static final Path REPORT_DIRECTORY = Path.of("benchmarks", "target", "e2e-report");
    /** Time per point beyond load: starting and stopping a replica, waiting for semisync. Only for the estimate. */
    private static final Duration OVERHEAD_PER_POINT = Duration.ofSeconds(3);

    private final List<Flavor> flavors;
    private final Duration perPoint;
    private final int rounds;
    private final Set<Configuration> configurations;
    private final Path replicaJar;
    private final Path baselineJar;

    private HarnessSettings(final List<Flavor> flavors, final Duration perPoint, final int rounds, final Set<Configuration> configurations,
        final Path replicaJar, final Path baselineJar)
    {
        this.baselineJar = baselineJar;
        this.flavors = flavors;
        this.perPoint = perPoint;
        this.rounds = rounds;
        this.configurations = configurations;
        this.replicaJar = replicaJar;
    }

    /** Reads and validates the settings; a bad one throws {@link IllegalArgumentException} saying what to do. */
    static HarnessSettings fromArgs(final String[] args)
    {
        if (args.length > 3)
        {
            throw new IllegalArgumentException("usage: scripts/bench-e2e [mysql|mariadb|both] [seconds-per-point] [rounds], "
                + "with " + CONFIGURATIONS_VARIABLE + "=all or some of " + Configuration.keys());
        }
        final List<Flavor> flavors = flavors(args.length > 0 ? args[0] : DEFAULT_FLAVORS);
        final long seconds = args.length > 1 ? positive("seconds-per-point", args[1]) : DEFAULT_SECONDS_PER_POINT;
        final long rounds = args.length > 2 ? positive("rounds", args[2]) : DEFAULT_ROUNDS;
        final String selected = System.getenv(CONFIGURATIONS_VARIABLE);
        final Set<Configuration> configurations;
        try
        {
            configurations = Configuration.parse(selected == null || selected.isBlank() ? "all" : selected);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(CONFIGURATIONS_VARIABLE + ": " + ex.getMessage(), ex);
        }
        final Path baselineJar = baselineJar(configurations, selected == null || selected.isBlank() || selected.contains("all"));
        if (flavors.stream().noneMatch(flavor -> configurations.stream().anyMatch(c -> c.appliesTo(flavor))))
        {
            throw new IllegalArgumentException(CONFIGURATIONS_VARIABLE + "=" + selected + " selects nothing that runs against " + flavors);
        }
        return new HarnessSettings(flavors, Duration.ofSeconds(seconds), Math.toIntExact(rounds), configurations, replicaJarProperty(),
            baselineJar);
    }

    /**
     * The baseline jar from {@code SEMISYNC_BASELINE_JAR}, or null; without it (1b) leaves a selection of {@code all} and
     * is an error when named.
     */
    private static Path baselineJar(final Set<Configuration> configurations, final boolean all)
    {
        final Optional<Path> jar = baselineJarVariable();
        if (jar.isEmpty())
        {
            if (configurations.contains(Configuration.OURS_BASELINE) && !all)
            {
                throw new IllegalArgumentException(Configuration.OURS_BASELINE.key() + " needs " + BASELINE_JAR_VARIABLE
                    + "=path/to/replica-core-*.jar of the build to compare with");
            }
            configurations.remove(Configuration.OURS_BASELINE);
        }
        return jar.orElse(null);
    }

    /** The jar {@code SEMISYNC_BASELINE_JAR} names, if it is set; throws if it names no file. */
    static Optional<Path> baselineJarVariable()
    {
        final String jar = System.getenv(BASELINE_JAR_VARIABLE);
        if (jar == null || jar.isBlank())
        {
            return Optional.empty();
        }
        if (!Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalArgumentException(BASELINE_JAR_VARIABLE + "=" + jar + " is not a file; give the replica-core jar of the build "
                + "to compare with, its lib/ directory beside it");
        }
        return Optional.of(Path.of(jar).toAbsolutePath());
    }

    /** {@code mysql}, {@code mariadb} or {@code both}, as the scripts take it. */
    static List<Flavor> flavors(final String argument)
    {
        return switch (argument.toLowerCase(Locale.ROOT))
        {
            case "mysql" -> List.of(Flavor.MYSQL);
            case "mariadb" -> List.of(Flavor.MARIADB);
            case "both" -> List.of(Flavor.MYSQL, Flavor.MARIADB);
            default -> throw new IllegalArgumentException("flavor must be mysql, mariadb or both, not '" + argument + "'");
        };
    }

    /** Our replica's jar from {@code -Dsemisync.replica.jar}, after checking that local sources are configured too. */
    static Path replicaJarProperty()
    {
        final Path jar = replicaJar();
        if (!"local".equals(SourceServers.mode()))
        {
            throw new IllegalArgumentException("the harness runs its replicas and tools next to the source on this machine: it needs "
                + "SEMISYNC_SOURCES=local (scripts/provision-sources.sh), not " + SourceServers.mode());
        }
        return jar;
    }

    /** Our replica's jar from {@code -Dsemisync.replica.jar}. */
    static Path replicaJar()
    {
        final String jar = System.getProperty(REPLICA_JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalArgumentException("no replica jar at -D" + REPLICA_JAR_PROPERTY + "=" + jar
                + ": run scripts/bench-e2e, which builds it and sets the property");
        }
        return Path.of(jar).toAbsolutePath();
    }

    static long positive(final String name, final String value)
    {
        final long parsed;
        try
        {
            parsed = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'", ex);
        }
        if (parsed <= 0 || parsed > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
        }
        return parsed;
    }

    List<Flavor> flavors()
    {
        return flavors;
    }

    Duration perPoint()
    {
        return perPoint;
    }

    int rounds()
    {
        return rounds;
    }

    /** The jar our replica runs from in a configuration: the baseline build's for (1b), the current one's otherwise. */
    Path replicaJar(final Configuration configuration)
    {
        return configuration.baselineBuild() ? baselineJar : replicaJar;
    }

    /** The configurations selected, whichever flavor they apply to. */
    Set<Configuration> configurations()
    {
        return configurations;
    }

    /** Every point of one round against a flavor, in the order of the first round. */
    List<Point> points(final Flavor flavor)
    {
        return configurations.stream()
            .filter(configuration -> configuration.appliesTo(flavor))
            .flatMap(configuration -> CLIENTS.stream().map(clients -> new Point(configuration, clients)))
            .toList();
    }

    /** A rough wall time for the whole run, servers' start-up excluded. */
    Duration estimate()
    {
        final long points = flavors.stream().mapToLong(flavor -> points(flavor).size()).sum();
        return perPoint.plus(WARMUP).plus(OVERHEAD_PER_POINT).multipliedBy(points * rounds);
    }

    @Override
    public String toString()
    {
        return String.join(",", flavors.stream().map(Flavor::toString).toList()) + ", " + perPoint.toSeconds() + " s per point, "
            + rounds + " rounds, " + WARMUP.toSeconds() + " s warm-up at " + WARMUP_CLIENTS + " clients per point, clients " + CLIENTS
            + ", configurations " + configurations.stream().map(Configuration::key).collect(Collectors.joining(","))
            + (baselineJar == null ? "" : ", baseline build " + baselineJar);
    }
}

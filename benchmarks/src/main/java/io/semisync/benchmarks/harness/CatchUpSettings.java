package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the catch-up benchmark, each with its default and meaning, from the command line
 * {@code catchup [mysql|mariadb|both] [MiB] [rounds]}, the system properties {@code semisync.replica.jar} and
 * {@code semisync.mysql.root}, and {@code SEMISYNC_BASELINE_JAR}, which adds a turn of our replica's baseline build. {@link #fromArgs} turns a bad setting into a clear message before any server starts.
 */
final class CatchUpSettings
{
    /** Which flavors to measure: {@code mysql}, {@code mariadb} or {@code both}. */
    static final String DEFAULT_FLAVORS = "both";
    /** Binlog the source holds before the rounds, in MiB. */
    static final long DEFAULT_MIB = 1024;
    /** Rounds; each measures ours and the flavor's binlog client once, in alternating order. */
    static final int DEFAULT_ROUNDS = 3;
    /** The MySQL 9.7 chroot that holds {@code /usr/bin/mysqlbinlog}; scripts/bench-e2e sets it. */
    static final String MYSQL_ROOT_PROPERTY = "semisync.mysql.root";
    /** MariaDB's binlog client, from the host's packages. */
    static final Path MARIADB_BINLOG = Path.of("/usr/bin/mariadb-binlog");
    /** MySQL's binlog client inside the chroot. */
    static final String MYSQLBINLOG = "/usr/bin/mysqlbinlog";
    /** Our relay log, the MariaDB client's download and the logs of each run. */
    static final Path WORK_DIRECTORY = Path.of("benchmarks", "target", "catchup");
    /** The MySQL client's download, inside the chroot (the client sees only the chroot). */
    static final String MYSQL_DOWNLOAD_DIRECTORY = "/srv/semisync-catchup";
    /** The result tables as Markdown. */
    static final Path RESULTS_FILE = Path.of("benchmarks", "target", "catchup-results.md");

    private final List<Flavor> flavors;
    private final long mebibytes;
    private final int rounds;
    private final Path replicaJar;
    private final Path mysqlRoot;
    private final Optional<Path> baselineJar;

    private CatchUpSettings(final List<Flavor> flavors, final long mebibytes, final int rounds, final Path replicaJar, final Path mysqlRoot,
        final Optional<Path> baselineJar)
    {
        this.baselineJar = baselineJar;
        this.flavors = flavors;
        this.mebibytes = mebibytes;
        this.rounds = rounds;
        this.replicaJar = replicaJar;
        this.mysqlRoot = mysqlRoot;
    }

    /** Reads and validates the settings; a bad one throws {@link IllegalArgumentException} saying what to do. */
    static CatchUpSettings fromArgs(final String[] args)
    {
        if (args.length > 3)
        {
            throw new IllegalArgumentException("usage: scripts/bench-e2e catchup [mysql|mariadb|both] [MiB] [rounds]");
        }
        final List<Flavor> flavors = HarnessSettings.flavors(args.length > 0 ? args[0] : DEFAULT_FLAVORS);
        final long mebibytes = args.length > 1 ? HarnessSettings.positive("MiB", args[1]) : DEFAULT_MIB;
        final long rounds = args.length > 2 ? HarnessSettings.positive("rounds", args[2]) : DEFAULT_ROUNDS;
        final Path replicaJar = HarnessSettings.replicaJarProperty();
        final String root = System.getProperty(MYSQL_ROOT_PROPERTY);
        final Path mysqlRoot = root == null ? null : Path.of(root);
        if (flavors.contains(Flavor.MYSQL) && (mysqlRoot == null || !Files.isExecutable(mysqlRoot.resolve(MYSQLBINLOG.substring(1)))))
        {
            throw new IllegalArgumentException("no mysqlbinlog in the MySQL 9.7 chroot -D" + MYSQL_ROOT_PROPERTY + "=" + root
                + ": run scripts/bench-e2e catchup, which provisions it and sets the property");
        }
        if (flavors.contains(Flavor.MARIADB) && !Files.isExecutable(MARIADB_BINLOG))
        {
            throw new IllegalArgumentException("no " + MARIADB_BINLOG + ": run scripts/provision-sources.sh, which installs MariaDB");
        }
        return new CatchUpSettings(flavors, mebibytes, Math.toIntExact(rounds), replicaJar, mysqlRoot, HarnessSettings.baselineJarVariable());
    }

    List<Flavor> flavors()
    {
        return flavors;
    }

    /** Binlog the source holds before the rounds, in bytes. */
    long binlogBytes()
    {
        return mebibytes << 20;
    }

    int rounds()
    {
        return rounds;
    }

    Path replicaJar()
    {
        return replicaJar;
    }

    /** Our replica's jar of an earlier build, measured as a third side of each round, if {@code SEMISYNC_BASELINE_JAR} names one. */
    Optional<Path> baselineJar()
    {
        return baselineJar;
    }

    /** The MySQL 9.7 chroot; only when MySQL is measured. */
    Path mysqlRoot()
    {
        return mysqlRoot;
    }

    @Override
    public String toString()
    {
        return String.join(",", flavors.stream().map(Flavor::toString).toList()) + ", " + mebibytes + " MiB of binlog in 1 KiB rows, "
            + rounds + " rounds" + baselineJar.map(jar -> ", baseline build " + jar).orElse("");
    }
}

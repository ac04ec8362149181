package io.semisync.it.replica;

import io.semisync.it.SourceRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 cycles, and power-loss cycles on {@link FaultyFileSystem}, of the replica under an 8-client semisync write load
 * ({@link CrashLoop}): no transaction that returned OK to a client is ever missing from the dead replica's relay log, none
 * is stored twice. CI runs {@value #CI_CYCLES} cycles of each per release (MySQL 9.7, MariaDB 10.11 and 11.8);
 * {@code scripts/crash-loop [--power-loss] [mysql|mariadb|mariadb-11.8|both|all] [CYCLES]} runs more
 * ({@code -Dcrashloop.cycles}, {@code -Dcrashloop.flavors}).
 */
class CrashLoopIT
{
    private static final int CI_CYCLES = 5;
    private static final int CYCLES = Integer.getInteger("crashloop.cycles", CI_CYCLES);
    private static final int CLIENTS = 8;

    @ParameterizedTest
    @MethodSource("releases")
    void noTransactionCommittedOkIsLostOrStoredTwiceAcrossKillNineCycles(final SourceRelease release, @TempDir final Path workDir)
    {
        final CrashLoop.Result result = new CrashLoop(release, CrashLoop.Crash.KILL_NINE, CYCLES, CLIENTS, workDir,
            ReplicaLogs.directory(CrashLoopIT.class, release)).run();

        assertThat(result.committedOk()).as("transactions committed OK across the cycles").isGreaterThan(CYCLES);
    }

    @ParameterizedTest
    @MethodSource("releases")
    void noTransactionCommittedOkIsLostOrStoredTwiceAcrossPowerLossCycles(final SourceRelease release, @TempDir final Path workDir)
    {
        final CrashLoop.Result result = new CrashLoop(release, CrashLoop.Crash.POWER_LOSS, CYCLES, CLIENTS, workDir,
            ReplicaLogs.directory(CrashLoopIT.class, release)).run();

        assertThat(result.committedOk()).as("transactions committed OK across the cycles").isGreaterThan(CYCLES);
    }

    /**
     * The releases of {@code -Dcrashloop.flavors} ({@code mysql}, {@code mariadb}, {@code mariadb-11.8}, comma-separated),
     * all three by default.
     */
    static Stream<SourceRelease> releases()
    {
        final String selected = System.getProperty("crashloop.flavors", "mysql,mariadb,mariadb-11.8");
        return Arrays.stream(selected.split(",")).map(String::trim).map(name -> Arrays.stream(SourceRelease.values())
            .filter(release -> release.toString().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("crashloop.flavors: no release " + name + "; say mysql, mariadb or mariadb-11.8")));
    }
}

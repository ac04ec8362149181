package io.semisync.it.replica;

import io.semisync.sources.Flavor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 cycles of the replica under an 8-client semisync write load ({@link CrashLoop}): no transaction that
 * returned OK to a client is ever missing from the dead replica's relay log, none is stored twice. CI runs
 * {@value #CI_CYCLES} cycles per flavor; {@code scripts/crash-loop [mysql|mariadb|both] [CYCLES]} runs more
 * ({@code -Dcrashloop.cycles}, {@code -Dcrashloop.flavors}).
 */
class CrashLoopIT
{
    private static final int CI_CYCLES = 5;
    private static final int CYCLES = Integer.getInteger("crashloop.cycles", CI_CYCLES);
    private static final int CLIENTS = 8;

    @ParameterizedTest
    @MethodSource("flavors")
    void noTransactionCommittedOkIsLostOrStoredTwiceAcrossKillNineCycles(final Flavor flavor, @TempDir final Path dataDir)
    {
        final CrashLoop.Result result = new CrashLoop(flavor, CYCLES, CLIENTS, dataDir, ReplicaLogs.directory(CrashLoopIT.class, flavor)).run();

        assertThat(result.committedOk()).as("transactions committed OK across the cycles").isGreaterThan(CYCLES);
    }

    /** The flavors of {@code -Dcrashloop.flavors} ({@code mysql}, {@code mariadb}, comma-separated), both by default. */
    static Stream<Flavor> flavors()
    {
        final String selected = System.getProperty("crashloop.flavors", "mysql,mariadb");
        return Arrays.stream(selected.split(",")).map(name -> Flavor.valueOf(name.trim().toUpperCase(Locale.ROOT)));
    }
}

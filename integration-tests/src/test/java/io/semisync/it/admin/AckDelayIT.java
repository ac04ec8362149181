package io.semisync.it.admin;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The latency lab against real sources. One replica with a latency trace; an operator's {@code SET GLOBAL ack_delay}
 * and a restart of the stream on its admin endpoint switch the experiment between blocks of single-client commits,
 * without and with the delay in turn: with {@code 2ms} the source's median commit takes 2 ms (±20%) longer, on MySQL 9.7
 * and MariaDB 10.11. Other work on a shared machine only ever adds latency, so the block of each kind that it disturbed
 * least (the lowest median) is compared. On MySQL, whose GTID events carry the commit time to the microsecond, the traced
 * transactions' stage medians add up to their median commit-to-ACK time within 10%, in the least disturbed block.
 */
@ExtendWith(SourceServerExtension.class)
class AckDelayIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final double ACK_DELAY_MILLIS = 2;
    private static final int WARM_UP_COMMITS = 500;
    private static final int COMMITS_PER_BLOCK = 50;
    private static final int PAIRS = 10;

    @Test
    void aTwoMillisecondAckDelayAddsTwoMillisecondsToMysqlCommitsAndTheStagesAddUp(@Source(Flavor.MYSQL) final SourceServer server,
        @TempDir final Path dataDir)
    {
        final List<LatencyTraceFile.Window> undelayed = measure(server, dataDir);
        final LatencyTraceFile.Window quietest = undelayed.stream()
            .min(Comparator.comparingDouble(block -> block.median("commit_to_ack_us"))).orElseThrow();
        final List<String> stages = List.of("source_us", "receive_us", "waiting_us", "sync_us", "delay_us", "send_us");
        final double sum = stages.stream().mapToDouble(quietest::median).sum();
        assertThat(sum).as("medians of the stages from commit to ACK of the least disturbed block without the delay (%d transactions), %s",
                quietest.size(), quietest.medians(stages))
            .isCloseTo(quietest.median("commit_to_ack_us"), withinPercentage(10));
    }

    @Test
    void aTwoMillisecondAckDelayAddsTwoMillisecondsToMariadbCommits(@Source(Flavor.MARIADB) final SourceServer server,
        @TempDir final Path dataDir)
    {
        assertThat(measure(server, dataDir)).allSatisfy(block ->
        {
            assertThat(block.median("sync_us")).as("the sync stage of traced MariaDB transactions").isPositive();
            assertThat(block.isEmpty("commit_to_ack_us")).as("MariaDB's events carry no commit time to the microsecond").isTrue();
        });
    }

    /**
     * Alternates blocks without and with the delay; checks what the delay adds to the median commit; returns the trace
     * of each block's transactions committed without it.
     */
    private static List<LatencyTraceFile.Window> measure(final SourceServer server, final Path dataDir)
    {
        SourceLoad.createTable(server);
        final Path trace = dataDir.resolveSibling(dataDir.getFileName() + "-latency.csv");
        final List<Double> without = new ArrayList<>();
        final List<Double> with = new ArrayList<>();
        final List<long[]> undelayedBlocks = new ArrayList<>();
        try (AdminReplica replica = AdminReplica.start(AckDelayIT.class, server, server.host(), server.port(), dataDir,
            "--latency-trace", trace.toString());
             Connection admin = DriverManager.getConnection(replica.jdbcUrl(), AdminReplica.ADMIN, AdminReplica.PASSWORD))
        {
            ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);
            SingleCommitter.medianCommitMillis(server, WARM_UP_COMMITS);
            for (int pair = 0; pair < PAIRS; pair++)
            {
                restartStreamWithAckDelay(admin, replica, server, "0");
                final long start = epochMicros();
                without.add(SingleCommitter.medianCommitMillis(server, COMMITS_PER_BLOCK));
                undelayedBlocks.add(new long[] {start, epochMicros()});
                restartStreamWithAckDelay(admin, replica, server, "2ms");
                with.add(SingleCommitter.medianCommitMillis(server, COMMITS_PER_BLOCK));
                assertThat(ReplicationChecks.semisyncStatus(server, "status")).as("semisync stayed on with the delay").isEqualTo(1);
            }
            assertThat(statusVariable(admin, "Semisync_replica_experiment")).isEqualTo("ack-delay=2ms receive-delay=0");
            replica.stop();
            assertThat(replica.process().stdout()).as("the experiment is marked in the status").contains("EXPERIMENT ack-delay=2ms");
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("on the admin endpoint: " + ex.getMessage(), ex);
        }
        final double added = Collections.min(with) - Collections.min(without);
        System.out.printf("[%s] median commit per block without the ACK delay %s ms, with %s ms: +%.2f ms%n", server.flavor(), without,
            with, added);
        assertThat(added).as("what --ack-delay 2ms adds to the median commit (ms), between the least disturbed blocks of each kind; "
                + "per block without %s, with %s", without, with)
            .isBetween(ACK_DELAY_MILLIS * 0.8, ACK_DELAY_MILLIS * 1.2);
        final LatencyTraceFile file = LatencyTraceFile.read(trace);
        final List<LatencyTraceFile.Window> undelayed = undelayedBlocks.stream().map(file::firstByteWithin).toList();
        assertThat(undelayed).as("traced transactions of each block without the delay").allSatisfy(block ->
        {
            assertThat(block.size()).isGreaterThanOrEqualTo(COMMITS_PER_BLOCK);
            assertThat(block.median("delay_us")).isLessThan(100);
        });
        return undelayed;
    }

    /** {@code SET GLOBAL ack_delay}, then STOP and START REPLICA, as an operator switches the experiment, until semisync is back. */
    private static void restartStreamWithAckDelay(final Connection admin, final AdminReplica replica, final SourceServer server,
        final String delay) throws SQLException
    {
        final long connects = Long.parseLong(statusVariable(admin, "Semisync_replica_connects"));
        try (Statement statement = admin.createStatement())
        {
            statement.execute("SET GLOBAL ack_delay = '" + delay + "'");
            statement.execute("STOP REPLICA");
            statement.execute("START REPLICA");
        }
        Waits.until("the stream restarted", TIMEOUT, () -> Long.parseLong(statusVariable(admin, "Semisync_replica_connects")) > connects
            && "ON".equals(statusVariable(admin, "Rpl_semi_sync_replica_status")), () -> replica.process().logTail());
        ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);
    }

    private static String statusVariable(final Connection admin, final String name)
    {
        try (Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'"))
        {
            if (!result.next())
            {
                throw new AssertionError("no status variable " + name);
            }
            return result.getString(2);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("SHOW GLOBAL STATUS on the admin endpoint: " + ex.getMessage(), ex);
        }
    }

    private static long epochMicros()
    {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

}

package io.semisync.storage.relaylog;

import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RelayLogRetentionTest
{
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);
    private static final long START = 1_700_000_000_000L / HOUR * HOUR;

    @TempDir
    Path directory;

    private final SetTimeProvider clock = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(START));

    @Test
    void isOffByDefault() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(config()))
        {
            writeOneTransactionPerHour(relayLog, 4);
            assertThat(relayLog.applyRetention().deletedFiles()).isEmpty();
        }
        assertThat(cycleFiles()).hasSize(4);
    }

    @Test
    void deletesWholeCyclesOlderThanTheAgeLimitButNeverTheCurrentOne() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxAge(Duration.ofMinutes(90))))
        {
            writeOneTransactionPerHour(relayLog, 4);
            clock.currentTimeMillis(START + 3 * HOUR + HOUR / 2);
            final List<Path> before = cycleFiles();

            final RetentionResult result = relayLog.applyRetention();

            assertThat(result.deletedFiles()).containsExactly(before.get(0), before.get(1));
            assertThat(result.bytesFreed()).isPositive();
            assertThat(cycleFiles()).containsExactly(before.get(2), before.get(3));
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(2L, 2L, 3L, 3L);

            clock.currentTimeMillis(START + 100 * HOUR);
            assertThat(relayLog.applyRetention().deletedFiles()).containsExactly(before.get(2));
            assertThat(cycleFiles()).containsExactly(before.get(3));
        }
        try (RelayLog relayLog = RelayLog.open(config()))
        {
            assertThat(relayLog.recoveredPosition().endPosition()).isEqualTo(3001);
        }
    }

    @Test
    void deletesOldestCyclesWhileOverTheSizeLimit() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1)))
        {
            writeOneTransactionPerHour(relayLog, 3);
            final List<Path> before = cycleFiles();

            assertThat(relayLog.applyRetention().deletedFiles()).containsExactly(before.get(0), before.get(1));
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(2L, 2L);
        }
    }

    @Test
    void keepsCyclesTheGtidCheckpointDoesNotCover() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1)))
        {
            final List<Long> commits = writeOneTransactionPerHour(relayLog, 4);
            try (RelayLogWriter writer = relayLog.openWriter())
            {
                writer.writeGtidCheckpoint(commits.get(1), new UnsafeBuffer(new byte[]{1}), 0, 1);
            }
            final List<Path> before = cycleFiles();

            assertThat(relayLog.applyRetention().deletedFiles()).containsExactly(before.get(0));
            final List<Long> gtids = new ArrayList<>();
            relayLog.scanCommittedGtids(relayLog.gtidCheckpoint().orElseThrow().coveredIndex(),
                (index, kind, buffer, offset, length) -> gtids.add(index));
            assertThat(gtids).containsExactly(commits.get(2), commits.get(3));
        }
    }

    private RelayLogConfig config()
    {
        return TestRelayLogs.config(directory).rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).timeProvider(clock);
    }

    private List<Long> writeOneTransactionPerHour(final RelayLog relayLog, final int hours)
    {
        return TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, hours);
    }

    private List<Path> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(path -> path.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

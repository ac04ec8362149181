package io.semisync.storage.relaylog;

import io.semisync.storage.ReaderFellBehindException;
import io.semisync.storage.RelayLogException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void keepsWhatARegisteredReaderStillNeeds() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1)))
        {
            final List<Long> commits = writeOneTransactionPerHour(relayLog, 4);
            final List<Path> before = cycleFiles();
            final RegisteredReader reader = relayLog.readers().register("serve:replica-1", commits.get(1));

            assertThat(relayLog.applyRetention().deletedFiles()).as("what the reader needs stays").containsExactly(before.get(0));
            reader.advance(commits.get(3));
            assertThat(relayLog.applyRetention().deletedFiles()).containsExactly(before.get(1), before.get(2));
            assertThat(relayLog.readers().unregister("serve:replica-1")).isTrue();
            assertThat(reader.hasFallenBehind()).isFalse();
        }
    }

    @Test
    void aReaderBeyondTheCapIsToldByNameThatItFellBehindAndTheRegistryOutlivesARestart()
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1).retentionReaderMaxBytes(1)))
        {
            final List<Long> commits = writeOneTransactionPerHour(relayLog, 3);
            final RegisteredReader behind = relayLog.readers().register("cdc:orders", ReaderPositions.FROM_OLDEST);
            relayLog.readers().register("cdc:caught-up", commits.get(2) + 1);

            assertThat(relayLog.applyRetention().deletedFiles()).as("the cap overrides the readers").hasSize(2);
            assertThatThrownBy(() -> behind.advance(commits.get(2))).isInstanceOf(ReaderFellBehindException.class)
                .hasMessageContaining("reader 'cdc:orders' fell behind").hasMessageContaining("retention-reader-max-bytes");
        }
        try (RelayLog relayLog = RelayLog.open(config()))
        {
            assertThat(relayLog.readers().reader("cdc:orders")).get().satisfies(reader -> assertThat(reader.hasFallenBehind()).isTrue());
            assertThat(relayLog.readers().reader("cdc:caught-up")).get()
                .satisfies(reader -> assertThat(reader.hasFallenBehind()).isFalse());
            assertThatThrownBy(() -> relayLog.readers().register("bad\tname", 0))
                .isInstanceOf(RelayLogException.class).hasMessageContaining("no tab or line break");
        }
    }

    @Test
    void aReaderRegisteredByAnotherProcessKeepsItsFiles()
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1)))
        {
            final List<Long> commits = writeOneTransactionPerHour(relayLog, 4);
            try (RelayLog feedsView = RelayLog.open(config().readOnly(true)))
            {
                final RegisteredReader feed = feedsView.readers().register("cdc:orders", commits.get(1));
                assertThat(relayLog.applyRetention().deletedFiles()).as("the other process's reader needs cycle 1 on").hasSize(1);

                feed.advance(commits.get(3));
                assertThat(relayLog.applyRetention().deletedFiles()).as("advanced but not saved yet").isEmpty();
                feedsView.readers().save();
                assertThat(relayLog.applyRetention().deletedFiles()).hasSize(2);
                assertThat(relayLog.readers().reader("cdc:orders")).get().extracting(RegisteredReader::neededIndex)
                    .isEqualTo(commits.get(3));
            }
        }
    }

    @Test
    void theMarkOfAReaderInAnotherProcessReachesItAndRegisteringWhereTheRelayLogHoldsClearsIt()
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1).retentionReaderMaxBytes(1));
            RelayLog feedsView = RelayLog.open(config().readOnly(true)))
        {
            final List<Long> commits = writeOneTransactionPerHour(relayLog, 3);
            final RegisteredReader feed = feedsView.readers().register("cdc:orders", commits.get(0));

            assertThat(relayLog.applyRetention().deletedFiles()).hasSize(2);
            assertThat(feed.hasFallenBehind()).as("not read again yet").isFalse();
            feedsView.readers().refresh();
            assertThatThrownBy(() -> feed.advance(commits.get(2))).isInstanceOf(ReaderFellBehindException.class)
                .hasMessageContaining("reader 'cdc:orders' fell behind");

            assertThat(feedsView.readers().register("cdc:orders", commits.get(1)).hasFallenBehind())
                .as("registered again where records are gone").isTrue();
            assertThat(feedsView.readers().register("cdc:orders", commits.get(2)).hasFallenBehind())
                .as("registered again where the relay log holds everything on").isFalse();
            relayLog.readers().refresh();
            assertThat(relayLog.readers().reader("cdc:orders")).get().satisfies(reader -> assertThat(reader.hasFallenBehind()).isFalse());
        }
    }

    @Test
    void aReaderDetachedForLongerThanTheExpiryIsUnregisteredAndAnAttachedOneIsNot()
    {
        try (RelayLog relayLog = RelayLog.open(config().retentionMaxBytes(1).retentionReaderExpiry(Duration.ofHours(24))))
        {
            final List<Long> commits = writeOneTransactionPerHour(relayLog, 4);
            final RegisteredReader left = relayLog.readers().register("serve:left", commits.get(0));
            relayLog.readers().register("serve:live", commits.get(1));
            left.detach();

            clock.currentTimeMillis(START + 3 * HOUR + 23 * HOUR);
            assertThat(relayLog.applyRetention().deletedFiles()).as("within the expiry both are kept").isEmpty();
            clock.currentTimeMillis(START + 3 * HOUR + 25 * HOUR);
            assertThat(relayLog.applyRetention().deletedFiles()).as("the live reader still needs cycle 1 on").hasSize(1);
            assertThat(relayLog.readers().readers()).extracting(RegisteredReader::name).containsExactly("serve:live");
            clock.currentTimeMillis(START + 3 * HOUR + 50 * HOUR);
            assertThat(relayLog.applyRetention().deletedFiles()).as("attached readers never expire").isEmpty();
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

package io.semisync.storage.relaylog;

import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RelayLogCompressionTest
{
    private static final long HOUR = TestRelayLogs.HOUR_MILLIS;
    private static final long START = 1_700_000_000_000L / HOUR * HOUR;

    @TempDir
    Path directory;

    private final SetTimeProvider clock = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(START));

    @Test
    void isOffByDefault()
    {
        try (RelayLog relayLog = RelayLog.open(config(false)))
        {
            TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, 3);
            assertThat(relayLog.compressClosedFiles()).isEmpty();
        }
        assertThat(names()).allMatch(name -> !name.endsWith(".zst"));
    }

    @Test
    void compressesClosedFilesWhichEveryReaderReadsAsBefore()
    {
        final List<StoredEvent> written;
        final List<String> plain;
        try (RelayLog relayLog = RelayLog.open(config(true)))
        {
            TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, 4);
            written = TestRelayLogs.readAll(relayLog);
            plain = cycleNames();

            assertThat(relayLog.compressClosedFiles()).extracting(path -> path.getFileName().toString())
                .containsExactly(plain.get(0) + ".zst", plain.get(1) + ".zst", plain.get(2) + ".zst");
            assertThat(cycleNames()).containsExactly(plain.get(3));
            assertThat(relayLog.files()).extracting(RelayLogFile::name)
                .containsExactly(plain.get(0) + ".zst", plain.get(1) + ".zst", plain.get(2) + ".zst", plain.get(3));
            assertThat(TestRelayLogs.readAll(relayLog)).as("read by the writing relay log").isEqualTo(written);
            assertThat(cycleNames()).as("the plain copies its reader made").hasSize(4);
            assertThat(relayLog.compressClosedFiles()).as("nothing compressed twice").isEmpty();
            assertThat(cycleNames()).as("copies deleted once their reader closed").containsExactly(plain.get(3));
        }
        try (RelayLog readOnly = RelayLog.open(config(true).readOnly(true)))
        {
            assertThat(TestRelayLogs.readAll(readOnly)).as("read by a read-only relay log").isEqualTo(written);
        }
        assertThat(cycleNames()).as("a read-only reader leaves the relay log as it was").containsExactly(plain.get(3));
        try (RelayLog reopened = RelayLog.open(config(true)))
        {
            assertThat(reopened.recoveredPosition().endPosition()).isEqualTo(3001);
            assertThat(TestRelayLogs.readAll(reopened)).isEqualTo(written);
        }
    }

    @Test
    void keepsWhatAnOpenReaderMayStillReadPlain()
    {
        try (RelayLog relayLog = RelayLog.open(config(true)))
        {
            TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, 3);
            try (RelayLogReader reader = relayLog.openReader())
            {
                assertThat(relayLog.compressClosedFiles()).as("a reader that has read nothing yet").isEmpty();
                assertThat(reader.poll(record -> { }, 3)).isEqualTo(3);
                assertThat(relayLog.compressClosedFiles()).as("the reader is in the second file").hasSize(1);
                assertThat(reader.poll(record -> { }, 10)).isEqualTo(3);
            }
        }
    }

    @Test
    void aReaderFromAnIndexDecompressesOnlyFromItsFile()
    {
        try (RelayLog relayLog = RelayLog.open(config(true)))
        {
            final List<Long> commits = TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, 4);
            final List<String> plain = cycleNames();
            relayLog.compressClosedFiles();
            try (RelayLogReader reader = relayLog.openReader(commits.get(2)))
            {
                assertThat(cycleNames()).as("the plain copy of the file it starts in only").containsExactly(plain.get(2), plain.get(3));
                assertThat(reader.moveToIndex(commits.get(2) - 1)).isTrue();
                final List<StoredEvent> read = new ArrayList<>();
                reader.poll(record -> read.add(TestRelayLogs.toStored(record)), 10);
                assertThat(read).extracting(StoredEvent::transaction).containsExactly(2L, 2L, 3L, 3L);
            }
        }
    }

    @Test
    void retentionDeletesCompressedFiles()
    {
        try (RelayLog relayLog = RelayLog.open(config(true).retentionMaxBytes(1)))
        {
            TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, 3);
            final List<String> plain = cycleNames();
            relayLog.compressClosedFiles();

            assertThat(relayLog.applyRetention().deletedFiles()).extracting(path -> path.getFileName().toString())
                .containsExactly(plain.get(0) + ".zst", plain.get(1) + ".zst");
            assertThat(names()).filteredOn(name -> name.endsWith(".cq4") || name.endsWith(".zst")).containsExactly(plain.get(2));
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(2L, 2L);
        }
    }

    @Test
    void openingAfterACrashDeletesUnfinishedFilesAndCopies() throws IOException
    {
        final List<String> plain;
        try (RelayLog relayLog = RelayLog.open(config(true)))
        {
            TestRelayLogs.writeOneTransactionPerHour(relayLog, clock, START, 3);
            plain = cycleNames();
            relayLog.compressClosedFiles();
        }
        // a compression that stopped before its rename, and one that stopped before deleting the original
        Files.write(directory.resolve(plain.get(1) + ".zst.partial"), new byte[]{1, 2, 3});
        RelayLogCompression.decompress(directory.resolve(plain.get(0) + ".zst"), directory.resolve(plain.get(0)));
        try (RelayLog relayLog = RelayLog.open(config(true)))
        {
            assertThat(names()).filteredOn(name -> name.endsWith(".cq4") || name.endsWith(".zst"))
                .containsExactly(plain.get(0) + ".zst", plain.get(1) + ".zst", plain.get(2));
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(0L, 0L, 1L, 1L, 2L, 2L);
        }
    }

    private RelayLogConfig config(final boolean compress)
    {
        return TestRelayLogs.config(directory).rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).timeProvider(clock).compressClosedFiles(compress);
    }

    private List<String> cycleNames()
    {
        return names().stream().filter(name -> name.endsWith(".cq4")).toList();
    }

    private List<String> names()
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}

package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ACK journal against crashes: the directory "after the crash" is built from the cycle files as a sync of them
 * left them and the journal as its writes left it, which is what a power loss keeps of each.
 */
class AckJournalTest
{
    @TempDir
    Path work;

    private final EventMetadata metadata = new EventMetadata();

    @Test
    void transactionsOnlyTheJournalHoldsAreAppendedAgainAndReadersSeeThemOnlyOnceTheFilesAreSynced() throws IOException
    {
        final Path live = work.resolve("live");
        final Path disk = work.resolve("disk");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final long first = TestRelayLogs.appendTransaction(writer, metadata, 1, 2, true);
            writer.syncForAck();
            assertThat(writer.lastDurableCommitIndex()).as("the first ACK syncs the cycle files and starts the journal").isEqualTo(first);
            copyDirectory(live, disk);
            TestRelayLogs.appendTransaction(writer, metadata, 2, 3, true);
            writer.syncForAck();
            TestRelayLogs.appendTransaction(writer, metadata, 3, 1, true);
            writer.syncForAck();
            assertThat(writer.lastDurableCommitIndex()).as("readers do not see what only the journal holds").isEqualTo(first);
            copyJournal(live, disk);
            final long unfinished = TestRelayLogs.appendTransaction(writer, metadata, 4, 2, false);
            writer.sync();
            assertThat(writer.lastDurableCommitIndex()).as("a sync of the files shows everything to readers").isEqualTo(unfinished - 2);
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk).readOnly(true)))
        {
            assertThat(committed(relayLog)).as("opened read-only: the cycle files alone, and a warning").containsExactly(1L);
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk)))
        {
            assertThat(committed(relayLog)).containsExactly(1L, 2L, 3L);
            assertThat(relayLog.recoveredPosition().endPosition()).isEqualTo(3000);
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk)))
        {
            assertThat(committed(relayLog)).as("opened again: nothing appended twice").containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void whatTheCycleFilesStillHoldIsNotAppendedAgain() throws IOException
    {
        final Path live = work.resolve("live");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live));
            RelayLogWriter writer = relayLog.openWriter())
        {
            for (long transaction = 1; transaction <= 4; transaction++)
            {
                TestRelayLogs.appendTransaction(writer, metadata, transaction, 2, true);
                writer.syncForAck();
            }
            TestRelayLogs.appendTransaction(writer, metadata, 5, 2, false);
        }
        final Path killed = work.resolve("killed");
        copyDirectory(live, killed);
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(killed)))
        {
            assertThat(committed(relayLog)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(TestRelayLogs.readAll(relayLog)).as("the incomplete transaction is dropped").hasSize(8);
        }
    }

    @Test
    void aTornEntryEndsWhatTheJournalGivesBack() throws IOException
    {
        final Path disk = crashedWithTheJournalHolding(4);
        final Path journal = disk.resolve(AckJournal.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(journal);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int entry = AckJournal.BLOCK;
        for (int skip = 0; skip < 2; skip++)
        {
            assertThat(buffer.getInt(entry)).isEqualTo(AckJournal.ENTRY_MAGIC);
            entry += AckJournal.ENTRY_HEADER_LENGTH + buffer.getInt(entry + 4);
        }
        bytes[entry + AckJournal.ENTRY_HEADER_LENGTH + buffer.getInt(entry + 4) - 1] ^= 1;
        Files.write(journal, bytes);
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk)))
        {
            assertThat(committed(relayLog)).as("the third entry's write never completed, so it was never acknowledged")
                .containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void cycleFilesThatEndBeforeTheJournalBeginsFailTheOpen() throws IOException
    {
        final Path live = work.resolve("live");
        final Path disk = work.resolve("disk");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live));
            RelayLogWriter writer = relayLog.openWriter())
        {
            writer.sync();
            copyDirectory(live, disk);
            TestRelayLogs.appendTransaction(writer, metadata, 1, 2, true);
            writer.syncForAck();
            TestRelayLogs.appendTransaction(writer, metadata, 2, 2, true);
            writer.syncForAck();
            copyJournal(live, disk);
        }
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(disk)).close())
            .isInstanceOf(RelayLogException.class)
            .hasMessageContaining("the disk lost synced data");
    }

    @Test
    void aJournalTurnedOffAfterACrashIsReplayedThenRemovedAndASizeChangedLaterTakesEffect() throws IOException
    {
        final Path disk = crashedWithTheJournalHolding(2);
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk).ackJournalSize(0));
            RelayLogWriter writer = relayLog.openWriter())
        {
            assertThat(committed(relayLog)).as("what only the journal held").containsExactly(1L, 2L);
            assertThat(disk.resolve(AckJournal.FILE_NAME)).as("the journal no writer keeps").doesNotExist();
            TestRelayLogs.appendTransaction(writer, metadata, 3, 1, true);
            writer.syncForAck();
            assertThat(writer.lastDurableIndex()).as("without a journal an ACK syncs the cycle files").isEqualTo(writer.lastAppendedIndex());
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk).ackJournalSize(RelayLogConfig.MIN_ACK_JOURNAL_SIZE));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, metadata, 4, 1, true);
            writer.syncForAck();
            assertThat(Files.size(disk.resolve(AckJournal.FILE_NAME))).isEqualTo(RelayLogConfig.MIN_ACK_JOURNAL_SIZE);
            assertThat(committed(relayLog)).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void backgroundSyncsStartTheJournalAgainSoThatASteadyLoadNeverFillsIt() throws IOException
    {
        final Path live = work.resolve("live");
        final Path disk = work.resolve("disk");
        final UnsafeBuffer event = new UnsafeBuffer(new byte[16 << 10]);
        final int transactions = 3 * (int)(RelayLogConfig.MIN_ACK_JOURNAL_SIZE / event.capacity());
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live).ackJournalSize(RelayLogConfig.MIN_ACK_JOURNAL_SIZE));
            RelayLogWriter writer = relayLog.openWriter())
        {
            for (long transaction = 1; transaction <= transactions; transaction++)
            {
                event.putLong(0, transaction, ByteOrder.LITTLE_ENDIAN);
                writer.append(metadata.sourceFileName("binlog.000001").endPosition(transaction * 100_000)
                    .flags(RecordFlags.TRANSACTION_END | RecordFlags.ACK_REQUESTED).mariaDbGtid(0, 1, transaction), event, 0, event.capacity());
                writer.syncForAck();
                if (transaction > 1)
                {
                    assertThat(writer.lastDurableIndex()).as("transaction %d made durable by the journal, not the cycle files", transaction)
                        .isLessThan(writer.lastAppendedIndex());
                }
                if (transaction % 20 == 0)
                {
                    writer.syncInBackground();
                    TestRelayLogs.awaitBackgroundSync(writer);
                    copyDirectory(live, disk);
                }
            }
            assertThat(writer.ackJournalWrites()).as("every ACK but the first, which starts the journal").isEqualTo(transactions - 1);
            copyJournal(live, disk);
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(disk)))
        {
            assertThat(committed(relayLog)).as("the cycle files of the last background sync and the journal after it")
                .hasSize(transactions).endsWith((long)transactions);
        }
    }

    @Test
    void aJournalThatCannotBeCreatedLeavesEveryAckToAnFdatasyncOfTheCycleFile() throws IOException
    {
        final Path live = work.resolve("live");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live));
            RelayLogWriter writer = relayLog.openWriter())
        {
            Files.createDirectory(live.resolve(AckJournal.FILE_NAME));
            for (long transaction = 1; transaction <= 3; transaction++)
            {
                TestRelayLogs.appendTransaction(writer, metadata, transaction, 2, true);
                writer.syncForAck();
                assertThat(writer.lastDurableIndex()).as("synced in the cycle files").isEqualTo(writer.lastAppendedIndex());
            }
            assertThat(writer.ackJournalWrites()).isZero();
        }
    }

    /**
     * A relay log as a crash leaves it: the cycle files hold transaction 1, synced before the journal started, and the
     * journal transactions 2 to {@code last}, each written for its ACK.
     */
    private Path crashedWithTheJournalHolding(final long last) throws IOException
    {
        final Path live = work.resolve("live");
        final Path disk = work.resolve("disk");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, metadata, 1, 2, true);
            writer.syncForAck();
            copyDirectory(live, disk);
            for (long transaction = 2; transaction <= last; transaction++)
            {
                TestRelayLogs.appendTransaction(writer, metadata, transaction, 2, true);
                writer.syncForAck();
            }
            copyJournal(live, disk);
        }
        return disk;
    }

    private static List<Long> committed(final RelayLog relayLog)
    {
        return TestRelayLogs.readAll(relayLog).stream().filter(StoredEvent::transactionEnd).map(StoredEvent::transaction).toList();
    }

    private static void copyJournal(final Path from, final Path to) throws IOException
    {
        Files.copy(from.resolve(AckJournal.FILE_NAME), to.resolve(AckJournal.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyDirectory(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            files.filter(Files::isRegularFile).forEach(file ->
            {
                try
                {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}

package io.semisync.storage.relaylog;

import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power loss, simulated: a kill keeps the page cache, a power loss keeps only what a sync made durable. The test takes
 * an image of the relay log's files each time a sync returns (what the disk holds for sure), appends more without
 * syncing, and then rebuilds the directory from the last image plus some of the unsynced bytes: none, a prefix cut at a
 * random byte (writes reaching the disk in order, the last one torn), or a random subset of the dirty 4 KiB pages
 * (the page cache writing back in any order). Recovery then runs on it: every transaction a sync covered (what an ACK
 * promised) is there, in order, once, and no torn record is taken as complete: every reader reads the log to its end
 * without error. With {@link Sync#ACK_JOURNAL} most syncs are {@link RelayLogWriter#syncForAck()}: then the image
 * takes only the ACK journal's new bytes, and the cycle files stay as unsynced as the rest, so recovery must append
 * from the journal what they lost; some of those syncs are followed by a background sync of the cycle files, after
 * which the journal starts a new generation. {@code -Dpowerloss.cycles=N} runs more cycles than the CI's few.
 */
class PowerLossTest
{
    private static final int CYCLES = Integer.getInteger("powerloss.cycles", 10);
    /** The first transaction appended after a power loss's recovery. */
    private static final long AFTER_RECOVERY = 1_000_001;
    private static final int PAGE = 4096;
    private static final int MAX_EVENT = 3000;

    @TempDir
    Path work;

    /** What survives of the bytes written after the last sync. */
    enum Survivors
    {
        NONE, IN_ORDER_PREFIX, ANY_PAGES
    }

    /** How a transaction is made durable before it counts as acknowledged. */
    enum Sync
    {
        FILES, ACK_JOURNAL
    }

    static Stream<Arguments> survivorsAndSyncs()
    {
        return Stream.of(Sync.values()).flatMap(sync -> Stream.of(Survivors.values()).map(survivors -> Arguments.of(survivors, sync)));
    }

    @ParameterizedTest
    @MethodSource("survivorsAndSyncs")
    void everySyncedTransactionSurvivesAndNoTornRecordIsTakenAsComplete(final Survivors survivors, final Sync sync) throws IOException
    {
        for (int cycle = 0; cycle < CYCLES; cycle++)
        {
            final long seed = (sync.ordinal() * 3L + survivors.ordinal()) * 1_000_003L + cycle;
            final Random random = new Random(seed);
            final Path live = Files.createDirectory(work.resolve(survivors + "-" + sync + "-" + cycle));
            final Map<String, byte[]> durable;
            final long synced;
            try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(live));
                RelayLogWriter writer = relayLog.openWriter())
            {
                long transaction = 0;
                Map<String, byte[]> image = snapshot(live);
                long acknowledged = 0;
                for (int syncs = random.nextInt(8) + 1; syncs > 0; syncs--)
                {
                    for (int t = random.nextInt(5) + 1; t > 0; t--)
                    {
                        appendTransaction(writer, ++transaction, random);
                    }
                    if (sync == Sync.ACK_JOURNAL && random.nextInt(4) > 0)
                    {
                        writer.syncForAck();
                        if (random.nextInt(3) == 0)
                        {
                            // the cycle files synced in the background: the journal's next write starts a new generation
                            writer.syncInBackground();
                            TestRelayLogs.awaitBackgroundSync(writer);
                        }
                    }
                    else
                    {
                        writer.sync();
                    }
                    acknowledged = transaction;
                    if (writer.lastDurableIndex() == writer.lastAppendedIndex())
                    {
                        image = snapshot(live);
                    }
                    else
                    {
                        final Path journal = live.resolve(AckJournal.FILE_NAME);
                        image.put(journal.getFileName().toString(), Files.readAllBytes(journal));
                    }
                }
                for (int t = random.nextInt(6); t > 0; t--)
                {
                    appendTransaction(writer, ++transaction, random);
                }
                if (random.nextBoolean())
                {
                    appendIncomplete(writer, ++transaction, random);
                }
                durable = image;
                synced = acknowledged;
            }
            final Path rebuilt = rebuild(live, durable, survivors, random);
            try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(rebuilt)))
            {
                final List<StoredEvent> events = TestRelayLogs.readAll(relayLog);
                final List<Long> committed = events.stream().filter(StoredEvent::transactionEnd).map(StoredEvent::transaction).toList();
                assertThat(committed).as("seed %d: committed transactions", seed).startsWith(range(synced)).doesNotHaveDuplicates()
                    .isSorted();
                assertThat(events).as("seed %d: nothing after the last commit point", seed)
                    .last().satisfiesAnyOf(last -> assertThat(last.transactionEnd()).isTrue(), last -> assertThat(events).isEmpty());
            }
            try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(rebuilt));
                RelayLogWriter writer = relayLog.openWriter())
            {
                for (long t = AFTER_RECOVERY; t < AFTER_RECOVERY + 3; t++)
                {
                    appendTransaction(writer, t, random);
                }
                writer.sync();
            }
            try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(rebuilt)))
            {
                final List<Long> committed = TestRelayLogs.readAll(relayLog).stream().filter(StoredEvent::transactionEnd)
                    .map(StoredEvent::transaction).toList();
                assertThat(committed).as("seed %d: what the writer appended after recovery, readable", seed)
                    .startsWith(range(synced)).endsWith(AFTER_RECOVERY, AFTER_RECOVERY + 1, AFTER_RECOVERY + 2);
            }
        }
    }

    private static Long[] range(final long last)
    {
        final Long[] range = new Long[(int)last];
        for (int i = 0; i < last; i++)
        {
            range[i] = i + 1L;
        }
        return range;
    }

    private static void appendTransaction(final RelayLogWriter writer, final long transaction, final Random random)
    {
        final int events = random.nextInt(4) + 1;
        for (int i = 0; i < events; i++)
        {
            append(writer, transaction, i, i == events - 1, random);
        }
    }

    private static void appendIncomplete(final RelayLogWriter writer, final long transaction, final Random random)
    {
        for (int i = random.nextInt(3) + 1; i > 0; i--)
        {
            append(writer, transaction, i, false, random);
        }
    }

    private static void append(final RelayLogWriter writer, final long transaction, final int sequence, final boolean end,
        final Random random)
    {
        final UnsafeBuffer event = new UnsafeBuffer(new byte[12 + random.nextInt(MAX_EVENT)]);
        for (int i = 12; i < event.capacity(); i++)
        {
            event.putByte(i, (byte)random.nextInt());
        }
        event.putLong(0, transaction, ByteOrder.LITTLE_ENDIAN);
        event.putInt(8, sequence, ByteOrder.LITTLE_ENDIAN);
        final EventMetadata metadata = new EventMetadata().sourceFileName("binlog.000001")
            .eventType(end ? TestRelayLogs.XID_EVENT : TestRelayLogs.WRITE_ROWS_EVENT)
            .flags(end ? RecordFlags.TRANSACTION_END | RecordFlags.ACK_REQUESTED : 0)
            .endPosition(transaction * 1000 + sequence)
            .mariaDbGtid(0, 1, transaction);
        writer.append(metadata, event, 0, event.capacity());
    }

    private static Map<String, byte[]> snapshot(final Path directory)
    {
        final Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(directory))
        {
            for (final Path path : paths.filter(Files::isRegularFile).toList())
            {
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return files;
    }

    /**
     * The directory after the power loss: each file as the last image holds it, with the bytes written since kept as
     * {@code survivors} says; a file created since the last sync is lost with its directory entry.
     */
    private Path rebuild(final Path live, final Map<String, byte[]> durable, final Survivors survivors, final Random random)
        throws IOException
    {
        final Map<String, byte[]> written = snapshot(live);
        final Path rebuilt = Files.createDirectory(live.resolveSibling(live.getFileName() + "-after-power-loss"));
        for (final Map.Entry<String, byte[]> file : durable.entrySet())
        {
            final byte[] before = file.getValue();
            final byte[] after = written.getOrDefault(file.getKey(), before);
            final byte[] result = java.util.Arrays.copyOf(before, Math.max(before.length, after.length));
            final int cut = survivors == Survivors.IN_ORDER_PREFIX ? random.nextInt(after.length + 1) : after.length;
            for (int page = 0; page < after.length; page += PAGE)
            {
                final boolean pageSurvives = survivors == Survivors.ANY_PAGES && random.nextBoolean();
                for (int i = page; i < Math.min(after.length, page + PAGE); i++)
                {
                    final boolean differs = i >= before.length || before[i] != after[i];
                    if (differs && (pageSurvives || (survivors == Survivors.IN_ORDER_PREFIX && i < cut)))
                    {
                        result[i] = after[i];
                    }
                }
            }
            Files.write(rebuilt.resolve(file.getKey()), result);
        }
        return rebuilt;
    }
}

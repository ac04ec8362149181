package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptRecordException;
import io.semisync.storage.UnsupportedRecordFormatException;
import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayLogRecoveryTest
{
    @TempDir
    Path directory;

    @Test
    void dropsAnIncompleteTrailingTransactionAndContinuesAfterIt()
    {
        final long firstCommit;
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata();
            firstCommit = TestRelayLogs.appendTransaction(writer, metadata, 1, 3, true);
            TestRelayLogs.appendTransaction(writer, metadata, 2, 4, false);
            writer.sync();
        }

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            final RecoveredPosition position = relayLog.recoveredPosition();
            assertThat(position.lastCommitIndex()).isEqualTo(firstCommit);
            assertThat(position.sourceFileName()).isEqualTo("binlog.000001");
            assertThat(position.endPosition()).isEqualTo(1002);
            assertThat(position.droppedRecords()).isEqualTo(4);
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(1L, 1L, 1L);

            try (RelayLogWriter writer = relayLog.openWriter())
            {
                assertThat(writer.lastDurableCommitIndex()).isEqualTo(firstCommit);
                assertThat(writer.lastDurableCommitEndPosition()).isEqualTo(1002);
                TestRelayLogs.appendTransaction(writer, new EventMetadata(), 3, 2, true);
                writer.sync();
            }
            final List<StoredEvent> events = TestRelayLogs.readAll(relayLog);
            assertThat(events).extracting(StoredEvent::transaction).containsExactly(1L, 1L, 1L, 3L, 3L);
            assertThat(events).extracting(StoredEvent::index).isSorted();
            assertThat(relayLog.scanCommittedGtids(-1, (index, kind, buffer, offset, length) -> { })).isEqualTo(2);
        }

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().droppedRecords()).isZero();
            assertThat(relayLog.recoveredPosition().endPosition()).isEqualTo(3001);
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction)
                .containsExactly(1L, 1L, 1L, 3L, 3L);
        }
    }

    @Test
    void readOnlyOpenReportsPendingRecordsWithoutChangingThem()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 2, 2, false);
            writer.sync();
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory).readOnly(true)))
        {
            assertThat(relayLog.recoveredPosition().droppedRecords()).isEqualTo(2);
            assertThat(TestRelayLogs.readAll(relayLog)).hasSize(4);
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().droppedRecords()).isEqualTo(2);
            assertThat(TestRelayLogs.readAll(relayLog)).hasSize(2);
        }
    }

    @Test
    void dropsEverythingWhenNoCommitPointWasEverStored()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 3, false);
            writer.sync();
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().hasCommitPoint()).isFalse();
            assertThat(relayLog.recoveredPosition().sourceFileName()).isNull();
            assertThat(relayLog.recoveredPosition().droppedRecords()).isEqualTo(3);
            assertThat(TestRelayLogs.readAll(relayLog)).isEmpty();
        }
    }

    @Test
    void voidsATornRecordAfterTheLastCommitPoint()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            writer.sync();
        }
        appendRaw(new byte[60]);

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().droppedRecords()).isEqualTo(1);
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(1L, 1L);
        }
    }

    @Test
    void refusesToOpenWhenTheTailHoldsAnUnknownFormatVersion()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            writer.sync();
        }
        final byte[] future = new byte[40];
        future[0] = 3;
        appendRaw(future);

        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(UnsupportedRecordFormatException.class)
            .hasMessageContaining("format version 3");
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory).readOnly(true)))
            .isInstanceOf(UnsupportedRecordFormatException.class);
    }

    @Test
    void cutsOffATornTransactionEndThatLooksCompleteButFailsItsChecksum()
    {
        oneDurableTransactionThenATornOne();

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().droppedRecords()).isEqualTo(1);
            assertThat(relayLog.recoveredPosition().endPosition()).isEqualTo(1001);
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(1L, 1L);
        }
    }

    @Test
    void aTornRecordBeforeALaterIntactCommitPointIsCutOffWithEverythingAfterIt()
    {
        oneDurableTransactionThenATornOne();
        appendRaw(record(RecordFlags.TRANSACTION_END, 3001, false));

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().endPosition()).isEqualTo(1001);
            assertThat(relayLog.recoveredPosition().droppedRecords()).isEqualTo(2);
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(StoredEvent::transaction).containsExactly(1L, 1L);
        }
    }

    @Test
    void aCorruptRecordThatASyncCoveredFailsEveryReaderNamingItsIndex()
    {
        final long checkpointed;
        oneDurableTransactionThenATornOne();
        checkpointed = appendRaw(record(RecordFlags.TRANSACTION_END, 3001, false));
        final byte[] state = {1};
        new GtidCheckpointFile(directory).write(checkpointed, new UnsafeBuffer(state), 0, state.length);

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory).readOnly(true)))
        {
            assertThat(relayLog.recoveredPosition().endPosition()).as("a sync covered it: recovery does not look back").isEqualTo(3001);
            assertThatThrownBy(() -> TestRelayLogs.readAll(relayLog))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageMatching("record at index \\d+ \\(\\d+ bytes\\) fails its CRC32C check.*");
        }
    }

    @Test
    void aRelayLogOfTheFormatWithoutChecksumsIsRefusedSayingWhatToDo()
    {
        RelayLog.open(TestRelayLogs.config(directory)).close();
        final byte[] old = record(RecordFlags.TRANSACTION_END, 1001, false);
        old[0] = 1;
        appendRaw(Arrays.copyOf(old, old.length - RecordLayout.CHECKSUM_LENGTH));

        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(UnsupportedRecordFormatException.class)
            .hasMessageContaining("format version 1, written by an older semisync-replica without record checksums")
            .hasMessageContaining("replicate into a new data directory");
    }

    /** Transaction 1 synced, then a record ending transaction 2 that a power loss tore after its header reached the disk. */
    private void oneDurableTransactionThenATornOne()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            writer.sync();
        }
        appendRaw(record(RecordFlags.TRANSACTION_END, 2001, true));
    }

    /** A whole record of one 19-byte event as the writer lays it out; {@code torn} spoils one event byte after the checksum. */
    private static byte[] record(final int flags, final long endPosition, final boolean torn)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final int prefixLength = new EventMetadata().sourceFileName("binlog.000001").eventType(16).flags(flags).endPosition(endPosition)
            .encodePrefix(buffer, 0, 19);
        final int length = RecordLayoutTest.seal(buffer, 0, prefixLength + 19);
        if (torn)
        {
            buffer.putByte(prefixLength + 7, (byte)0x5A);
        }
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private long appendRaw(final byte[] content)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).blockSize(4L << 20).build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(content);
            }
            return appender.lastIndexAppended();
        }
    }
}

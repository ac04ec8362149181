package io.semisync.storage.relaylog;

import io.semisync.storage.UnsupportedRecordFormatException;
import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
        future[0] = 2;
        appendRaw(future);

        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(UnsupportedRecordFormatException.class)
            .hasMessageContaining("format version 2");
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory).readOnly(true)))
            .isInstanceOf(UnsupportedRecordFormatException.class);
    }

    private void appendRaw(final byte[] content)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).blockSize(4L << 20).build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(content);
            }
        }
    }
}

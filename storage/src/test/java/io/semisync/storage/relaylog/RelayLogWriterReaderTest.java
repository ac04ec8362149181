package io.semisync.storage.relaylog;

import io.semisync.storage.RecordTooLargeException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayLogWriterReaderTest
{
    @TempDir
    Path directory;

    @Test
    void appendsHeapAndDirectEventsAndReadsThemBackInOrder()
    {
        final Random random = new Random(42);
        final List<byte[]> written = new ArrayList<>();
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata().sourceFileName("binlog.000007");
            final ExpandableDirectByteBuffer direct = new ExpandableDirectByteBuffer(1 << 16);
            for (int i = 0; i < 200; i++)
            {
                final byte[] event = new byte[random.nextInt(3000)];
                random.nextBytes(event);
                written.add(event);
                metadata.endPosition(i).eventType(i % 40).flags(i % 3 == 2 ? RecordFlags.TRANSACTION_END : 0);
                if (i % 2 == 0)
                {
                    final byte[] padded = new byte[event.length + 11];
                    System.arraycopy(event, 0, padded, 11, event.length);
                    writer.append(metadata, new UnsafeBuffer(padded), 11, event.length);
                }
                else
                {
                    direct.putBytes(7, event);
                    writer.append(metadata, direct, 7, event.length);
                }
            }
            assertThat(writer.lastDurableIndex()).isEqualTo(-1);
            writer.sync();
            assertThat(writer.lastDurableIndex()).isEqualTo(writer.lastAppendedIndex());
            assertThat(writer.lastDurableCommitEndPosition()).isEqualTo(197);
            assertThat(writer.lastDurableCommitSourceFileName()).isEqualTo("binlog.000007");

            final List<byte[]> read = new ArrayList<>();
            final List<Long> positions = new ArrayList<>();
            try (RelayLogReader reader = relayLog.openReader())
            {
                assertThat(reader.poll(record ->
                {
                    final byte[] event = new byte[record.eventLength()];
                    record.buffer().getBytes(record.eventOffset(), event);
                    read.add(event);
                    positions.add(record.endPosition());
                    assertThat(record.eventType()).isEqualTo((int)(record.endPosition() % 40));
                }, 1000)).isEqualTo(200);
                assertThat(reader.poll(record -> { }, 10)).isZero();
            }
            assertThat(read).containsExactlyElementsOf(written);
            assertThat(positions).isSorted().hasSize(200);
        }
    }

    @Test
    void readsFromAnIndexAndAfterAnIndex()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata();
            final List<Long> indexes = new ArrayList<>();
            for (int tx = 1; tx <= 5; tx++)
            {
                indexes.add(TestRelayLogs.appendTransaction(writer, metadata, tx, 2, true));
            }
            writer.sync();
            try (RelayLogReader reader = relayLog.openReader())
            {
                assertThat(reader.moveToIndex(indexes.get(2))).isTrue();
                final List<StoredEvent> events = new ArrayList<>();
                reader.poll(record -> events.add(TestRelayLogs.toStored(record)), 1);
                assertThat(events).singleElement().satisfies(event ->
                {
                    assertThat(event.transaction()).isEqualTo(3);
                    assertThat(event.index()).isEqualTo(indexes.get(2));
                });

                assertThat(reader.moveAfter(indexes.get(3))).isTrue();
                events.clear();
                reader.poll(record -> events.add(TestRelayLogs.toStored(record)), 100);
                assertThat(events).extracting(StoredEvent::transaction).containsExactly(5L, 5L);
                assertThat(reader.moveToIndex(indexes.get(4) + 1000)).isFalse();
            }
        }
    }

    @Test
    void boundedPollStopsAtTheLastIndexAndGoesOnFromThereLater()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata();
            final long first = TestRelayLogs.appendTransaction(writer, metadata, 1, 2, true);
            final long second = TestRelayLogs.appendTransaction(writer, metadata, 2, 2, true);
            writer.sync();
            try (RelayLogReader reader = relayLog.openReader())
            {
                final List<StoredEvent> events = new ArrayList<>();
                assertThat(reader.poll(record -> events.add(TestRelayLogs.toStored(record)), 100, first)).isEqualTo(2);
                assertThat(reader.poll(record -> events.add(TestRelayLogs.toStored(record)), 100, first)).isZero();
                assertThat(events).extracting(StoredEvent::transaction).containsExactly(1L, 1L);

                assertThat(reader.poll(record -> events.add(TestRelayLogs.toStored(record)), 100, second)).isEqualTo(2);
                assertThat(events).extracting(StoredEvent::index).endsWith(second);
            }
        }
    }

    @Test
    void scansCommittedGtidsInOrder()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata();
            final long first = TestRelayLogs.appendTransaction(writer, metadata, 1, 3, true);
            TestRelayLogs.appendTransaction(writer, metadata, 2, 3, true);
            TestRelayLogs.appendTransaction(writer, metadata, 3, 3, true);
            writer.sync();

            final List<Long> sequences = new ArrayList<>();
            final long count = relayLog.scanCommittedGtids(-1, (index, kind, buffer, offset, length) ->
            {
                assertThat(kind).isEqualTo(GtidKind.MARIADB);
                assertThat(length).isEqualTo(16);
                sequences.add(buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN));
            });
            assertThat(count).isEqualTo(3);
            assertThat(sequences).containsExactly(1L, 2L, 3L);

            sequences.clear();
            relayLog.scanCommittedGtids(first, (index, kind, buffer, offset, length) ->
                sequences.add(buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN)));
            assertThat(sequences).containsExactly(2L, 3L);
        }
    }

    @Test
    void rejectsRecordsLargerThanTheBlockAllowsAndAppendsWithoutSourceFile()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final UnsafeBuffer huge = new UnsafeBuffer(new byte[2 << 20]);
            assertThatThrownBy(() -> writer.append(new EventMetadata().sourceFileName("b.1"), huge, 0, huge.capacity()))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("raise the block size");
            assertThatThrownBy(() -> writer.append(new EventMetadata(), huge, 0, 10))
                .isInstanceOf(RelayLogException.class)
                .hasMessageContaining("no source file name");

            final long index = writer.append(new EventMetadata().sourceFileName("b.1")
                .flags(RecordFlags.TRANSACTION_END), huge, 0, 900_000);
            writer.sync();
            assertThat(writer.lastDurableIndex()).isEqualTo(index);
            assertThat(TestRelayLogs.readAll(relayLog)).hasSize(1);
        }
    }

    @Test
    void appendDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            final String sourceFile = "binlog.000001";
            final EventMetadata metadata = new EventMetadata().sourceFileName(sourceFile)
                .mariaDbGtid(0, 1, 1).flags(RecordFlags.TRANSACTION_END);
            final ExpandableDirectByteBuffer event = new ExpandableDirectByteBuffer(512);
            for (int i = 0; i < 20_000; i++)
            {
                writer.append(metadata.sourceFileName(sourceFile).endPosition(i), event, 3, 300);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++)
            {
                writer.append(metadata.sourceFileName(sourceFile).endPosition(i), event, 3, 300);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // One object per append would be at least 16 bytes each, 160,000 in all; what remains is Chronicle
            // mapping its next chunk now and then.
            assertThat(allocated).as("bytes allocated by 10,000 appends").isLessThan(80_000);
        }
    }

    @Test
    void allowsOneWriterAtATime()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            final RelayLogWriter first = relayLog.openWriter();
            assertThatThrownBy(relayLog::openWriter).hasMessageContaining("already has an open writer");
            first.close();
            relayLog.openWriter().close();
        }
    }
}

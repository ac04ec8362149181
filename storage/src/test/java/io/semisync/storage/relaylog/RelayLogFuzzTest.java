package io.semisync.storage.relaylog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored bytes are untrusted after a crash or a bad disk. A record of any bytes either reads within its bounds or fails
 * with a {@link RelayLogException}; a relay log whose tail holds any records after a durable transaction recovers to
 * that transaction or later, never loses it, and its readers see records or a {@link RelayLogException}, nothing else.
 */
class RelayLogFuzzTest
{
    private static final int OFFSET = 5;

    private final RelayLogRecord record = new RelayLogRecord();

    @FuzzTest(maxDuration = "5m")
    void anyRecordBytesReadWithinBoundsOrFailTyped(final FuzzedDataProvider data)
    {
        final boolean sealed = data.consumeBoolean();
        final byte[] bytes = data.consumeRemainingAsBytes();
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(OFFSET + bytes.length + RecordLayout.CHECKSUM_LENGTH));
        buffer.putBytes(OFFSET, bytes);
        final int length = sealed && bytes.length > 0 ? RecordLayoutTest.seal(buffer, OFFSET, bytes.length) : bytes.length;
        try
        {
            record.wrap(buffer, OFFSET, length, 42);
            record.flags();
            record.eventType();
            record.eventTimestamp();
            record.endPosition();
            record.receiveTimeNanos();
            record.sourceFileName();
            record.gtidKind();
            assertThat(record.eventOffset() + record.eventLength() + RecordLayout.CHECKSUM_LENGTH).isEqualTo(OFFSET + length);
            record.copyEvent(new UnsafeBuffer(new byte[record.eventLength()]), 0);
        }
        catch (final RelayLogException expected)
        {
            assertThat(expected).hasMessageContaining("index 42");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void recoveryOfAnyTailKeepsEveryDurableTransaction(final FuzzedDataProvider data) throws IOException
    {
        final Path directory = Files.createTempDirectory("relay-log-fuzz");
        try
        {
            final long durableCommit;
            try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
                RelayLogWriter writer = relayLog.openWriter())
            {
                durableCommit = TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
                writer.sync();
            }
            try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).blockSize(4L << 20).build();
                ExcerptAppender appender = queue.createAppender())
            {
                for (int records = data.consumeInt(1, 3); records > 0 && data.remainingBytes() > 0; records--)
                {
                    final boolean sealed = data.consumeBoolean();
                    final byte[] bytes = data.consumeBytes(data.consumeInt(0, 600));
                    final UnsafeBuffer content = new UnsafeBuffer(new byte[bytes.length + RecordLayout.CHECKSUM_LENGTH]);
                    content.putBytes(0, bytes);
                    final int length = sealed && bytes.length > 0 ? RecordLayoutTest.seal(content, 0, bytes.length) : bytes.length;
                    try (DocumentContext dc = appender.writingDocument())
                    {
                        dc.wire().bytes().write(content.byteArray(), 0, length);
                    }
                }
            }
            final RelayLog relayLog;
            try
            {
                relayLog = RelayLog.open(TestRelayLogs.config(directory));
            }
            catch (final RelayLogException refused)
            {
                return;
            }
            try (relayLog)
            {
                assertThat(relayLog.recoveredPosition().lastCommitIndex()).as("the durable transaction").isGreaterThanOrEqualTo(durableCommit);
                final List<StoredEvent> events = TestRelayLogs.readAll(relayLog);
                assertThat(events.subList(0, 2)).extracting(StoredEvent::transaction).containsExactly(1L, 1L);
            }
            catch (final RelayLogException corruptBeforeTheCommitPoint)
            {
                assertThat(corruptBeforeTheCommitPoint).hasMessageContaining("index");
            }
        }
        finally
        {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

package io.semisync.storage.relaylog;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CycleFileRepairTest
{
    @TempDir
    Path directory;

    @Test
    void aLastFileWhoseRecordsAreAllLostIsRewrittenEmptyAndTheWriterAppendsWhereReadersGet() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)); RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 3, true);
            writer.sync();
        }
        loseEveryRecordButKeepTheHeader();

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)); RelayLogWriter writer = relayLog.openWriter())
        {
            assertThat(relayLog.recoveredPosition().lastCommitIndex()).isEqualTo(-1);
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 2, 2, true);
            writer.sync();
        }

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory).readOnly(true)))
        {
            assertThat(TestRelayLogs.readAll(relayLog)).extracting(TestRelayLogs.StoredEvent::transaction).containsExactly(2L, 2L);
        }
    }

    @Test
    void aFileAPowerLossDidNotTouchIsLeftInPlace() throws IOException
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)); RelayLogWriter writer = relayLog.openWriter())
        {
            for (long transaction = 1; transaction <= 50; transaction++)
            {
                TestRelayLogs.appendTransaction(writer, new EventMetadata(), transaction, 1 + (int)(transaction % 4), transaction % 7 != 0);
            }
            writer.sync();
        }
        final Object inode = Files.getAttribute(cycleFile().toPath(), "unix:ino");

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.recoveredPosition().lastCommitIndex()).isNotNegative();
        }

        assertThat(Files.getAttribute(cycleFile().toPath(), "unix:ino")).as("the cycle file, not rewritten").isEqualTo(inode);
    }

    private File cycleFile() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow().toFile();
        }
    }

    /** Zeroes the cycle file from its first record on, as a power loss that kept only the file's header page would leave it. */
    private void loseEveryRecordButKeepTheHeader() throws IOException
    {
        final long firstRecord;
        final File file;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                assertThat(dc.isPresent()).isTrue();
                firstRecord = dc.wire().bytes().readPosition() - Integer.BYTES;
            }
            file = tailer.currentFile();
        }
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4096), firstRecord);
            channel.force(true);
        }
    }
}

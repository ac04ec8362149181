package io.semisync.storage.relaylog;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageCachePrefetchTest
{
    private static final int EVENT_BYTES = 64 * 1024;

    @TempDir
    Path directory;

    @Test
    void runsBesideAnOpenWriterWithoutChangingWhatItWritesAndEndsWithIt()
    {
        final byte[] event = new byte[EVENT_BYTES];
        final int events = (int)(2 * PageCachePrefetch.STEP / EVENT_BYTES);
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            try (RelayLogWriter writer = relayLog.openWriter())
            {
                final EventMetadata metadata = new EventMetadata().sourceFileName("binlog.000001").flags(RecordFlags.TRANSACTION_END);
                for (int i = 0; i < events; i++)
                {
                    event[0] = (byte)i;
                    writer.append(metadata.endPosition(i), new UnsafeBuffer(event), 0, EVENT_BYTES);
                }
                writer.sync();
                assertThat(prefetchThreads()).as("the writer's prefetch thread").hasSize(1);
            }
            assertThat(prefetchThreads()).as("closed with the writer").isEmpty();
            final List<Byte> firstBytes = new ArrayList<>();
            try (RelayLogReader reader = relayLog.openReader())
            {
                reader.poll(record ->
                {
                    assertThat(record.eventLength()).isEqualTo(EVENT_BYTES);
                    firstBytes.add(record.buffer().getByte(record.eventOffset()));
                }, events + 1);
            }
            assertThat(firstBytes).hasSize(events);
            assertThat(firstBytes).last().isEqualTo((byte)(events - 1));
        }
    }

    @Test
    void isLeftOutWhenTheConfigurationSaysSo()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory).prefetchPages(false));
             RelayLogWriter writer = relayLog.openWriter())
        {
            assertThat(writer.hasFailed()).isFalse();
            assertThat(prefetchThreads()).isEmpty();
        }
    }

    private List<Thread> prefetchThreads()
    {
        final String name = "relay-log-prefetch " + directory.getFileName();
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name) && thread.isAlive()).toList();
    }
}

package io.semisync.benchmarks.jmh;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.storage.relaylog.DurabilityMode;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Relay-log append throughput without syncing: one event of 100 B, 1 KiB or 64 KiB with its metadata per
 * operation, copied from an off-heap buffer into the memory-mapped queue. Scores are events per second and,
 * as the {@code bytes} counter, event bytes per second. {@link #checksum} measures the record checksum's part of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayLogAppendBenchmark
{
    @Param({"100", "1024", "65536"})
    int eventBytes;

    /** Whether the page cache is filled ahead of the writer ({@code RelayLogConfig.prefetchPages}). */
    @Param({"true", "false"})
    boolean prefetch;

    private Path directory;
    private RelayLog relayLog;
    private RelayLogWriter writer;
    private ByteBuffer eventBytesBuffer;
    private UnsafeBuffer event;
    private final CRC32C crc = new CRC32C();
    private final EventMetadata metadata = new EventMetadata();

    /** Event bytes appended, reported by JMH as a rate next to the operation rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes
    {
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("append-benchmark");
        relayLog = RelayLog.open(new RelayLogConfig().directory(directory).durabilityMode(DurabilityMode.NONE).prefetchPages(prefetch).validate());
        writer = relayLog.openWriter();
        eventBytesBuffer = ByteBuffer.allocateDirect(eventBytes);
        event = new UnsafeBuffer(eventBytesBuffer);
        metadata.sourceFileName("binlog.000001").eventType(BinlogEventType.WRITE_ROWS_V2).eventTimestamp(1_700_000_000)
            .flags(RecordFlags.TRANSACTION_END).noGtid();
    }

    @Benchmark
    public long append(final Bytes counter)
    {
        counter.bytes += eventBytes;
        return writer.append(metadata.endPosition(counter.bytes), event, 0, eventBytes);
    }

    /**
     * What the record format's checksum adds to each {@link #append}: the CRC32C pass over the event bytes (the record's
     * prefix of about 40 bytes left out), with the intrinsic the writer uses; an append without it costs the difference.
     */
    @Benchmark
    public long checksum()
    {
        crc.reset();
        crc.update(eventBytesBuffer.clear());
        return crc.getValue();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        writer.close();
        relayLog.close();
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}

package io.semisync.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether syncs of one file overlap: each operation writes a 1 KiB record through the shared mapping (as the relay
 * log does) and fdatasyncs the file, from as many threads as JMH's {@code -t} asks, all on one file. If two syncs in
 * flight took no longer than one, a sync stage that starts the next sync before the last returns would cover new
 * transactions sooner; run with {@code -t 1} and {@code -t 2} and compare the operation rate and latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OverlappingSyncBenchmark
{
    private static final int RECORD_BYTES = 1024;
    private static final long FILE_BYTES = 256L << 20;

    private final ByteBuffer record = ByteBuffer.allocateDirect(RECORD_BYTES);
    private final AtomicLong nextRecord = new AtomicLong();
    private Path directory;
    private Path path;
    private FileChannel channel;
    private MappedByteBuffer mapping;

    @Setup(Level.Iteration)
    public void createFile() throws IOException
    {
        directory = Files.createTempDirectory("overlapping-sync-benchmark");
        path = directory.resolve("records");
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
        nextRecord.set(0);
    }

    @Benchmark
    public long appendAndSync() throws IOException
    {
        final long position = nextRecord.getAndIncrement() * RECORD_BYTES % FILE_BYTES;
        mapping.put((int)position, record, 0, RECORD_BYTES);
        channel.force(false);
        return position;
    }

    @TearDown(Level.Iteration)
    public void deleteFile() throws IOException
    {
        channel.close();
        mapping = null;
        Files.delete(path);
        Files.delete(directory);
    }
}

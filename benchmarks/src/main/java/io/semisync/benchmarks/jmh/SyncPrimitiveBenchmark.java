package io.semisync.benchmarks.jmh;

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
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What making one 1 KiB record durable costs with each way Linux offers, below the relay log: written through a
 * shared mapping (as Chronicle Queue writes) then fdatasync of the file or msync of the record's range, or written
 * by pwrite then fdatasync, or by pwrite on an O_DSYNC channel; or msync of everything written so far (as a sync of
 * the relay log would have to cover Chronicle's index and header before the record). The file is sparse (as
 * Chronicle's files are) or written with zeros and synced beforehand (preallocated). Each iteration starts a fresh 64 MiB file; records
 * follow one another. It tells whether another write path than Chronicle's mapping would shorten the ACK.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyncPrimitiveBenchmark
{
    private static final int RECORD_BYTES = 1024;
    private static final long FILE_BYTES = 64L << 20;

    /** How the record is written and made durable. */
    public enum Method
    {
        MMAP_FDATASYNC, MMAP_MSYNC_RANGE, MMAP_MSYNC_WRITTEN, PWRITE_FDATASYNC, PWRITE_O_DSYNC
    }

    /** What the file holds before the first record. */
    public enum FileState
    {
        SPARSE, PREALLOCATED
    }

    @Param
    Method method;

    @Param
    FileState file;

    private Path directory;
    private Path path;
    private FileChannel channel;
    private MappedByteBuffer mapping;
    private final ByteBuffer record = ByteBuffer.allocateDirect(RECORD_BYTES);
    private int position;

    @Setup(Level.Trial)
    public void createDirectory() throws IOException
    {
        directory = Files.createTempDirectory("sync-primitive-benchmark");
        path = directory.resolve("records");
        for (int i = 0; i < RECORD_BYTES; i++)
        {
            record.put(i, (byte)(i * 31));
        }
    }

    @Setup(Level.Iteration)
    public void createFile() throws IOException
    {
        Files.deleteIfExists(path);
        try (FileChannel fresh = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            if (file == FileState.PREALLOCATED)
            {
                final ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
                for (long offset = 0; offset < FILE_BYTES; offset += zeros.capacity())
                {
                    fresh.write(zeros.clear(), offset);
                }
            }
            else
            {
                fresh.write(ByteBuffer.allocate(1), FILE_BYTES - 1);
            }
            fresh.force(true);
        }
        final Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (method == Method.PWRITE_O_DSYNC)
        {
            options.add(StandardOpenOption.DSYNC);
        }
        channel = FileChannel.open(path, options);
        mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
        position = 0;
    }

    @Benchmark
    public int writeDurably() throws IOException
    {
        if (position + RECORD_BYTES > FILE_BYTES)
        {
            position = 0;
        }
        switch (method)
        {
            case MMAP_FDATASYNC ->
            {
                mapping.put(position, record, 0, RECORD_BYTES);
                channel.force(false);
            }
            case MMAP_MSYNC_RANGE ->
            {
                mapping.put(position, record, 0, RECORD_BYTES);
                mapping.force(position, RECORD_BYTES);
            }
            case MMAP_MSYNC_WRITTEN ->
            {
                mapping.put(position, record, 0, RECORD_BYTES);
                mapping.force(0, position + RECORD_BYTES);
            }
            case PWRITE_FDATASYNC ->
            {
                channel.write(record.clear(), position);
                channel.force(false);
            }
            case PWRITE_O_DSYNC -> channel.write(record.clear(), position);
            default -> throw new IllegalStateException("unknown method " + method);
        }
        position += RECORD_BYTES;
        return position;
    }

    @TearDown(Level.Iteration)
    public void closeFile() throws IOException
    {
        channel.close();
        mapping = null;
    }

    @TearDown(Level.Trial)
    public void deleteDirectory() throws IOException
    {
        Files.deleteIfExists(path);
        Files.delete(directory);
    }
}

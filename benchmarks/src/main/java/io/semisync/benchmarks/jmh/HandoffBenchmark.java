package io.semisync.benchmarks.jmh;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
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

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What handing an event from the Netty event loop to a separate relay-log writer thread would cost: a round trip
 * through two Agrona one-to-one ring buffers (event over, "synced" back), with the writer idling by busy spin or by
 * backoff (spin, yield, park). The direct design, where the event loop appends and syncs itself, pays none of this;
 * benchmarks/README.md weighs the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HandoffBenchmark
{
    private static final int MESSAGE_TYPE = 1;
    private static final int CAPACITY = 64 * 1024;

    @Param({"BUSY_SPIN", "BACKOFF"})
    String writerIdle;

    private OneToOneRingBuffer toWriter;
    private OneToOneRingBuffer toEventLoop;
    private final UnsafeBuffer event = new UnsafeBuffer(new byte[200]);
    private final IdleStrategy eventLoopIdle = new BusySpinIdleStrategy();
    private Thread writer;
    private volatile boolean running;

    @Setup(Level.Trial)
    public void setUp()
    {
        toWriter = ringBuffer();
        toEventLoop = ringBuffer();
        running = true;
        final IdleStrategy idle = "BUSY_SPIN".equals(writerIdle) ? new BusySpinIdleStrategy()
            : new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
        writer = new Thread(() ->
        {
            while (running)
            {
                final int read = toWriter.read((type, buffer, index, length) -> toEventLoop.write(MESSAGE_TYPE, buffer, index, length));
                idle.idle(read);
            }
        }, "handoff-writer");
        writer.start();
    }

    @Benchmark
    public int roundTrip()
    {
        while (!toWriter.write(MESSAGE_TYPE, event, 0, event.capacity()))
        {
            eventLoopIdle.idle();
        }
        int read;
        while ((read = toEventLoop.read((type, buffer, index, length) -> { })) == 0)
        {
            eventLoopIdle.idle();
        }
        return read;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        running = false;
        writer.join();
    }

    private static OneToOneRingBuffer ringBuffer()
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    }
}

package io.semisync.replica.stream;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The per-transaction trace file: one CSV line per acknowledged transaction with its times (microseconds since the
 * epoch) and stages (microseconds). The stream only copies each record into a ring buffer; a thread of its own formats
 * and writes them, so the ACK path neither allocates nor touches the file. When the ring is full a record is dropped
 * and counted. The file is bounded: past {@code maxBytes} it becomes {@code FILE.1} (replacing an older one) and a new
 * file begins, so the trace takes at most twice that.
 */
public final class LatencyTrace implements AutoCloseable
{
    /** The CSV header, naming each column. */
    public static final String HEADER = "gtid,file,end_position,commit_us,first_byte_us,last_byte_us,sync_start_us,sync_end_us,"
        + "send_start_us,ack_sent_us,source_us,receive_us,waiting_us,sync_us,delay_us,send_us,total_us,commit_to_ack_us";
    private static final Logger LOG = LoggerFactory.getLogger(LatencyTrace.class);
    private static final int RING_BYTES = 1 << 22;
    private static final int RECORD = 1;
    private static final int TIMES = 6;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Path file;
    private final long maxBytes;
    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final TransactionId read = new TransactionId();
    private final long[] times = new long[TIMES];
    private final StringBuilder line = new StringBuilder(256);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writerThread;
    private volatile boolean closing;
    private BufferedWriter out;
    private long written;
    private IOException failure;

    private LatencyTrace(final Path file, final long maxBytes)
    {
        this.file = file;
        this.maxBytes = maxBytes;
        this.writerThread = new Thread(this::writeUntilClosed, "semisync-latency-trace");
        this.writerThread.setDaemon(true);
    }

    /**
     * Starts a trace into {@code file} (replacing one there).
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static LatencyTrace open(final Path file, final long maxBytes)
    {
        final LatencyTrace trace = new LatencyTrace(file, maxBytes);
        trace.startFile();
        trace.writerThread.start();
        return trace;
    }

    /** Copies one acknowledged transaction into the ring; on the stream's thread, without allocating. */
    void record(final TransactionId id, final long commitEpochNanos, final long firstNanos, final long lastNanos, final AckTimes ack,
        final long epochOffsetNanos)
    {
        final int length = id.encodedLength() + Long.BYTES + TIMES * Long.BYTES;
        final int index = ring.tryClaim(RECORD, length);
        if (index <= 0)
        {
            dropped.lazySet(dropped.get() + 1);
            return;
        }
        final UnsafeBuffer buffer = (UnsafeBuffer)ring.buffer();
        int offset = id.writeTo(buffer, index);
        buffer.putLong(offset, commitEpochNanos);
        offset += Long.BYTES;
        putTimes(buffer, offset, epochOffsetNanos, firstNanos, lastNanos, ack);
        ring.commit(index);
    }

    private static void putTimes(final UnsafeBuffer buffer, final int offset, final long epochOffsetNanos, final long firstNanos,
        final long lastNanos, final AckTimes ack)
    {
        buffer.putLong(offset, firstNanos + epochOffsetNanos);
        buffer.putLong(offset + Long.BYTES, lastNanos + epochOffsetNanos);
        buffer.putLong(offset + 2 * Long.BYTES, ack.syncStartNanos() + epochOffsetNanos);
        buffer.putLong(offset + 3 * Long.BYTES, ack.syncEndNanos() + epochOffsetNanos);
        buffer.putLong(offset + 4 * Long.BYTES, ack.sendStartNanos() + epochOffsetNanos);
        buffer.putLong(offset + 5 * Long.BYTES, ack.sentNanos() + epochOffsetNanos);
    }

    /** Records dropped because the writer fell behind. */
    public long dropped()
    {
        return dropped.get();
    }

    public Path file()
    {
        return file;
    }

    private void writeUntilClosed()
    {
        try
        {
            while (true)
            {
                final boolean last = closing;
                final int lines = ring.read(this::onRecord, 1024);
                if (failure != null)
                {
                    throw failure;
                }
                if (lines > 0)
                {
                    out.flush();
                }
                else if (last)
                {
                    break;
                }
                else
                {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
            out.close();
        }
        catch (final IOException ex)
        {
            LOG.error("latency trace {} stopped: {}; replication goes on without it", file, ex.getMessage());
        }
    }

    private void onRecord(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        if (failure != null)
        {
            return;
        }
        int offset = read.readFrom(buffer, index);
        final long commit = buffer.getLong(offset);
        offset += Long.BYTES;
        for (int i = 0; i < TIMES; i++)
        {
            times[i] = buffer.getLong(offset + i * Long.BYTES);
        }
        line.setLength(0);
        line.append(read.gtid()).append(',').append(read.file()).append(',').append(read.endPosition()).append(',');
        line.append(commit < 0 ? "" : Long.toString(commit / 1_000)).append(',');
        for (int i = 0; i < TIMES; i++)
        {
            line.append(times[i] / 1_000).append(',');
        }
        final long first = times[0];
        final long sent = times[5];
        micros(commit < 0 ? Double.NaN : first - commit).append(',');
        micros(times[1] - first).append(',');
        micros(times[2] - times[1]).append(',');
        micros(times[3] - times[2]).append(',');
        micros(times[4] - times[3]).append(',');
        micros(sent - times[4]).append(',');
        micros(sent - times[1]).append(',');
        micros(commit < 0 ? Double.NaN : sent - commit).append('\n');
        try
        {
            if (written + line.length() > maxBytes)
            {
                out.close();
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                startFile();
            }
            out.append(line);
            written += line.length();
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    private StringBuilder micros(final double nanos)
    {
        return Double.isNaN(nanos) ? line : line.append(String.format(Locale.ROOT, "%.1f", nanos / 1_000));
    }

    private void startFile()
    {
        try
        {
            out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
            out.write(HEADER);
            out.write('\n');
            written = HEADER.length() + 1;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the latency trace " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Writes what the ring still holds and closes the file. */
    @Override
    public void close()
    {
        closing = true;
        try
        {
            writerThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (dropped.get() > 0)
        {
            LOG.warn("latency trace {}: {} records dropped because its writer fell behind", file, dropped.get());
        }
    }
}

package io.semisync.replica.stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTraceTest
{
    private static final long EPOCH_OFFSET = 1_800_000_000_000_000_000L;

    @TempDir
    Path directory;

    private static void acknowledge(final AckLatency latency, final long gno, final long commitEpochNanos)
    {
        final TransactionId id = new TransactionId();
        id.mysql(0x0102030405060708L, 0x090a0b0c0d0e0f10L, gno);
        acknowledge(latency, id, 1_000 + gno, commitEpochNanos);
    }

    private static void acknowledge(final AckLatency latency, final TransactionId id, final long endPosition, final long commitEpochNanos)
    {
        id.end("binlog.000007", endPosition);
        final AckTimes ack = new AckTimes().synced(2_000_000, 2_300_000).sent(2_300_500, 2_301_000);
        latency.recordTransaction(id, commitEpochNanos, 1_000_000, 1_200_000, ack, EPOCH_OFFSET);
    }

    @Test
    void aTaggedTransactionIsTracedWithItsTag() throws IOException
    {
        final Path file = directory.resolve("tagged.csv");
        final AckLatency latency = new AckLatency();
        try (LatencyTrace trace = LatencyTrace.open(file, 1 << 20))
        {
            latency.traceTo(trace);
            final TransactionId tagged = new TransactionId();
            tagged.mysqlTagged(0x0102030405060708L, 0x090a0b0c0d0e0f10L, 5, new UnsafeBuffer("xops".getBytes(StandardCharsets.US_ASCII)), 1, 3);
            acknowledge(latency, tagged, 2_000, EPOCH_OFFSET + 400_000);
            acknowledge(latency, 6, EPOCH_OFFSET + 400_000);
        }

        final List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(1)).startsWith("01020304-0506-0708-090a-0b0c0d0e0f10:ops:5,binlog.000007,2000,");
        assertThat(lines.get(2)).as("the next, untagged, has none").startsWith("01020304-0506-0708-090a-0b0c0d0e0f10:6,binlog.000007,1006,");
    }

    @Test
    void eachAcknowledgedTransactionIsALineWithItsTimesAndStages() throws IOException
    {
        final Path file = directory.resolve("trace.csv");
        final AckLatency latency = new AckLatency();
        try (LatencyTrace trace = LatencyTrace.open(file, 1 << 20))
        {
            latency.traceTo(trace);
            acknowledge(latency, 42, EPOCH_OFFSET + 400_000);
            acknowledge(latency, 43, -1);
        }

        final List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(LatencyTrace.HEADER);
        assertThat(lines.get(1)).isEqualTo("01020304-0506-0708-090a-0b0c0d0e0f10:42,binlog.000007,1042,"
            + "1800000000000400,1800000000001000,1800000000001200,1800000000002000,1800000000002300,1800000000002300,"
            + "1800000000002301,600.0,200.0,800.0,300.0,0.5,0.5,1101.0,1901.0");
        assertThat(lines.get(2)).as("without the source's commit time, its stages are empty")
            .startsWith("01020304-0506-0708-090a-0b0c0d0e0f10:43,binlog.000007,1043,,").endsWith(",1101.0,");
        assertThat(latency.nanos(LatencyStage.COMMIT_TO_ACK).getTotalCount()).isEqualTo(1);
        assertThat(latency.nanos(LatencyStage.TOTAL).getTotalCount()).isEqualTo(2);
        assertThat(latency.medians()).isEqualTo(
            "stage p50 us: source=600 receive=200 waiting=800 sync=300 delay=0 send=0 total=1101 commit-to-ack=1901");
    }

    @Test
    void pastItsSizeTheTraceStartsAgainKeepingOneOlderFile() throws IOException
    {
        final Path file = directory.resolve("trace.csv");
        final AckLatency latency = new AckLatency();
        try (LatencyTrace trace = LatencyTrace.open(file, 1_000))
        {
            latency.traceTo(trace);
            for (int gno = 1; gno <= 30; gno++)
            {
                acknowledge(latency, gno, EPOCH_OFFSET);
            }
        }

        final Path older = directory.resolve("trace.csv.1");
        assertThat(Files.size(file)).isLessThanOrEqualTo(1_000);
        assertThat(Files.size(older)).isLessThanOrEqualTo(1_000);
        assertThat(Files.readAllLines(older).get(0)).isEqualTo(LatencyTrace.HEADER);
        final List<String> newest = Files.readAllLines(file);
        assertThat(newest.get(0)).isEqualTo(LatencyTrace.HEADER);
        assertThat(newest.get(newest.size() - 1)).startsWith("01020304-0506-0708-090a-0b0c0d0e0f10:30,");
        try (var files = Files.list(directory))
        {
            assertThat(files).hasSize(2);
        }
    }
}

package io.semisync.replica.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.semisync.replica.Replica;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.ReplicaStatus;
import io.semisync.replica.SemisyncMode;
import io.semisync.replica.StoredProgress;
import io.semisync.replica.stream.AckLatency;
import io.semisync.replica.stream.LatencyStage;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The replica's metrics, collected at each scrape from one status snapshot, the relay log's progress and the ACK
 * latency the stream records: nothing is added to the ACK path. Latency histograms are HdrHistogram's, given to
 * Prometheus as classic buckets (their sums are the count times HdrHistogram's mean, within its 3 significant digits).
 */
final class ReplicaMetrics implements MultiCollector
{
    /** Bucket bounds of the latency histograms, seconds: the fdatasync of one disk lies between 50 us and 10 ms. */
    static final double[] LATENCY_BUCKETS = {0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, Double.POSITIVE_INFINITY};
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Replica replica;

    ReplicaMetrics(final Replica replica)
    {
        this.replica = replica;
    }

    @Override
    public MetricSnapshots collect()
    {
        final ReplicaStatus status = replica.status();
        final StoredProgress progress = replica.storedProgress();
        final AckLatency ackLatency = replica.ackLatency();
        final List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(histogram("semisync_replica_ack_latency_seconds",
            "Per acknowledged transaction, time from reading the event the source asked to ACK to writing the ACK that covers it "
                + "(after the sync that covers it)",
            ackLatency.nanos(LatencyStage.TOTAL)));
        metrics.add(histogram("semisync_replica_sync_latency_seconds", "Per acknowledged transaction, time of the relay-log sync its ACK waited for",
            ackLatency.nanos(LatencyStage.SYNC)));
        metrics.add(stageHistograms(ackLatency));
        metrics.add(counter("semisync_replica_events", "Events stored in the relay log", status.eventsStored()));
        metrics.add(counter("semisync_replica_event_bytes", "Bytes of the events stored in the relay log", progress.eventBytes()));
        metrics.add(counter("semisync_replica_transactions", "Transactions stored in the relay log", status.transactionsStored()));
        metrics.add(counter("semisync_replica_transactions_acknowledged",
            "Transactions the source waited for, stored and acknowledged", progress.acknowledgedTransactions()));
        metrics.add(counter("semisync_replica_acks", "Semisync ACKs sent (each covers every transaction up to its position)",
            status.acksSent()));
        metrics.add(counter("semisync_replica_ack_journal_writes",
            "Syncs for an ACK that were one write of the ACK journal; the other ACKs waited for an fdatasync of the relay log's file",
            status.ackJournalWrites()));
        metrics.add(counter("semisync_replica_reconnects", "Streams started again after the first", Math.max(0, status.connects() - 1)));
        metrics.add(gauge("semisync_replica_streaming", "1 while replication streams from the source",
            status.state() == ReplicaState.STREAMING ? 1 : 0));
        metrics.add(gauge("semisync_replica_semisync_active", "1 while the stream is semisynchronous (the source waits for our ACKs)",
            status.state() == ReplicaState.STREAMING && status.semisync() == SemisyncMode.ACTIVE ? 1 : 0));
        final GaugeSnapshot.Builder behind = GaugeSnapshot.builder().name("semisync_replica_seconds_behind_source")
            .help("How late the last stored transaction arrived: its receive time minus its time on the source; only while streaming");
        if (status.state() == ReplicaState.STREAMING)
        {
            behind.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(Math.max(0, progress.secondsBehindSource())).build());
        }
        metrics.add(behind.build());
        return new MetricSnapshots(metrics);
    }

    /** Each stage of the acknowledged transactions' latency, labelled {@code stage}. */
    private static HistogramSnapshot stageHistograms(final AckLatency ackLatency)
    {
        final HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name("semisync_replica_stage_latency_seconds")
            .help("Where each acknowledged transaction's time went, from its commit on the source to our ACK, by stage (commit-to-ack "
                + "and source only from MySQL 8.0+ sources)")
            .unit(Unit.SECONDS);
        for (final LatencyStage stage : LatencyStage.values())
        {
            builder.dataPoint(dataPoint(ackLatency.nanos(stage)).labels(Labels.of("stage", stage.label())).build());
        }
        return builder.build();
    }

    static HistogramSnapshot histogram(final String name, final String help, final Histogram nanos)
    {
        return HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS).dataPoint(dataPoint(nanos).build()).build();
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot.Builder dataPoint(final Histogram nanos)
    {
        final ClassicHistogramBuckets.Builder buckets = ClassicHistogramBuckets.builder();
        long below = 0;
        for (final double bound : LATENCY_BUCKETS)
        {
            final long upTo = Double.isInfinite(bound) ? nanos.getTotalCount()
                : nanos.getCountBetweenValues(0, (long)(bound * NANOS_PER_SECOND));
            buckets.bucket(bound, upTo - below);
            below = upTo;
        }
        final double sumSeconds = nanos.getTotalCount() == 0 ? 0 : nanos.getMean() * nanos.getTotalCount() / NANOS_PER_SECOND;
        return HistogramSnapshot.HistogramDataPointSnapshot.builder().classicHistogramBuckets(buckets.build()).sum(sumSeconds);
    }

    private static CounterSnapshot counter(final String name, final String help, final long value)
    {
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(final String name, final String help, final double value)
    {
        return GaugeSnapshot.builder().name(name).help(help)
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}

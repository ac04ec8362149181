package io.semisync.replica.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.semisync.replica.cdc.kafka.KafkaSinkStatus;
import io.semisync.replica.cdc.kafka.KafkaSinkStatusFiles;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Kafka sinks on the replica's data directory, labelled {@code sink} ({@code <topic prefix>-<feed>}), read at each
 * scrape from their status files ({@link KafkaSinkStatusFiles}): the sinks may run as processes of their own.
 */
final class KafkaSinkMetrics implements MultiCollector
{
    private final Path dataDir;
    private final Clock clock;

    KafkaSinkMetrics(final Path dataDir, final Clock clock)
    {
        this.dataDir = dataDir;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect()
    {
        final List<KafkaSinkStatus> sinks = KafkaSinkStatusFiles.read(dataDir);
        final Instant now = clock.instant();
        return new MetricSnapshots(
            gauge("semisync_replica_kafka_sink_transactions_behind", "Durable relay-log transactions the sink has still to publish "
                + "(a lower bound while it scouts ahead after a start)", sinks, KafkaSinkStatus::transactionsBehind),
            gauge("semisync_replica_kafka_sink_seconds_behind_source", "How far the sink's last Kafka commit was behind the source's time "
                + "of its last change", sinks, sink -> sink.millisBehindSource() / 1000.0),
            gauge("semisync_replica_kafka_sink_running", "1 while the sink runs and has written its status within the last 30 s",
                sinks, sink -> "RUNNING".equals(sink.state(now)) ? 1 : 0),
            gauge("semisync_replica_kafka_sink_failed_attempts", "Attempts to reach Kafka that failed since the sink process started",
                sinks, KafkaSinkStatus::failedAttempts));
    }

    private static GaugeSnapshot gauge(final String name, final String help, final List<KafkaSinkStatus> sinks,
        final ToDoubleFunction<KafkaSinkStatus> value)
    {
        final GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (final KafkaSinkStatus sink : sinks)
        {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value.applyAsDouble(sink))
                .labels(Labels.of("sink", sink.name())).build());
        }
        return gauge.build();
    }
}

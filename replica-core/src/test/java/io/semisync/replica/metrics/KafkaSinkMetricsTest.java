package io.semisync.replica.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.semisync.replica.cdc.kafka.KafkaSinkStatusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSinkMetricsTest
{
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T20:00:40Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void eachSinkIsOneDataPointLabelledByItsName() throws Exception
    {
        final KafkaSinkMetrics metrics = new KafkaSinkMetrics(dataDir, CLOCK);
        assertThat(metrics.collect().stream().mapToInt(metric -> metric.getDataPoints().size()).sum()).as("no sink yet").isZero();
        write("shop-cdc", "running=true\nposition=7:1\nrecords=3\ntransactions_behind=42\nbehind_exact=true\nms_behind_source=2500\n"
            + "failed_attempts=2\nupdated=2026-12-06T20:00:30Z\n");
        write("shop-archive", "running=true\nposition=9\nrecords=3\ntransactions_behind=0\nbehind_exact=true\nms_behind_source=0\n"
            + "failed_attempts=0\nupdated=2026-12-06T20:00:00Z\n");

        final MetricSnapshots snapshots = metrics.collect();

        assertThat(values(snapshots, "semisync_replica_kafka_sink_transactions_behind")).containsOnly(Map.entry("shop-cdc", 42.0),
            Map.entry("shop-archive", 0.0));
        assertThat(values(snapshots, "semisync_replica_kafka_sink_seconds_behind_source")).containsEntry("shop-cdc", 2.5);
        assertThat(values(snapshots, "semisync_replica_kafka_sink_failed_attempts")).containsEntry("shop-cdc", 2.0);
        assertThat(values(snapshots, "semisync_replica_kafka_sink_running")).as("the archive said nothing for 40 s")
            .containsOnly(Map.entry("shop-cdc", 1.0), Map.entry("shop-archive", 0.0));
    }

    private void write(final String name, final String fields) throws Exception
    {
        final Path file = KafkaSinkStatusFiles.fileOf(dataDir, name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "transactional_id=semisync-" + name + "\n" + fields);
    }

    private static Map<String, Double> values(final MetricSnapshots snapshots, final String name)
    {
        final MetricSnapshot metric = snapshots.stream().filter(snapshot -> snapshot.getMetadata().getName().equals(name)).findFirst()
            .orElseThrow();
        return metric.getDataPoints().stream().collect(Collectors.toMap(point -> point.getLabels().get("sink"),
            point -> ((GaugeSnapshot.GaugeDataPointSnapshot)point).getValue()));
    }
}

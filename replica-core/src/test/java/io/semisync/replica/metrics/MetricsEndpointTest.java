package io.semisync.replica.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.Replica;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest
{
    @TempDir
    Path dataDir;

    @Test
    void latencyBucketsCountEachRecordedValueOnceInTheBucketThatHoldsIt()
    {
        final Histogram nanos = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
        nanos.recordValue(TimeUnit.MICROSECONDS.toNanos(40));
        nanos.recordValue(TimeUnit.MICROSECONDS.toNanos(300));
        nanos.recordValue(TimeUnit.MICROSECONDS.toNanos(320));
        nanos.recordValue(TimeUnit.MILLISECONDS.toNanos(2));
        nanos.recordValue(TimeUnit.SECONDS.toNanos(7));

        final HistogramSnapshot snapshot = ReplicaMetrics.histogram("test_seconds", "test", nanos);

        final ClassicHistogramBuckets buckets = snapshot.getDataPoints().get(0).getClassicBuckets();
        assertThat(buckets.size()).isEqualTo(ReplicaMetrics.LATENCY_BUCKETS.length);
        assertThat(buckets.getUpperBound(0)).isEqualTo(0.000_05);
        assertThat(buckets.getCount(0)).as("<= 50 us").isEqualTo(1);
        assertThat(buckets.getCount(3)).as("250..500 us").isEqualTo(2);
        assertThat(buckets.getCount(5)).as("1..2.5 ms").isEqualTo(1);
        assertThat(buckets.getCount(buckets.size() - 1)).as("above 2.5 s").isEqualTo(1);
        assertThat(snapshot.getDataPoints().get(0).getCount()).isEqualTo(5);
        assertThat(snapshot.getDataPoints().get(0).getSum()).isCloseTo(7.002_66, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theEndpointServesEveryMetricOfAReplicaThatCannotReachItsSource() throws Exception
    {
        final ReplicaConfig config = new ReplicaConfig()
            .set(Settings.SOURCE_PORT, closedPort())
            .set(Settings.USER, "repl")
            .password("secret")
            .set(Settings.TLS_MODE, TlsMode.DISABLED)
            .set(Settings.DATA_DIR, dataDir)
            .set(Settings.METRICS_PORT, 0);
        try (Replica replica = Replica.start(config); MetricsEndpoint endpoint = MetricsEndpoint.start(replica).orElseThrow())
        {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                .contains("# TYPE semisync_replica_ack_latency_seconds histogram", "semisync_replica_ack_latency_seconds_bucket{le=\"0.001\"} 0",
                    "semisync_replica_ack_latency_seconds_count 0", "# TYPE semisync_replica_sync_latency_seconds histogram",
                    "semisync_replica_events_total 0.0", "semisync_replica_event_bytes_total 0.0", "semisync_replica_acks_total 0.0",
                    "semisync_replica_ack_journal_writes_total 0.0",
                    "semisync_replica_transactions_acknowledged_total 0.0", "semisync_replica_reconnects_total 0.0",
                    "semisync_replica_streaming 0.0", "semisync_replica_semisync_active 0.0")
                .as("no lag while not streaming").doesNotContain("semisync_replica_seconds_behind_source");
        }
    }

    @Test
    void noMetricsPortNoEndpoint() throws IOException
    {
        final ReplicaConfig config = new ReplicaConfig().set(Settings.SOURCE_PORT, closedPort()).set(Settings.USER, "repl").password("x")
            .set(Settings.TLS_MODE, TlsMode.DISABLED).set(Settings.DATA_DIR, dataDir);
        try (Replica replica = Replica.start(config))
        {
            assertThat(MetricsEndpoint.start(replica)).isEmpty();
        }
    }

    private static int closedPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}

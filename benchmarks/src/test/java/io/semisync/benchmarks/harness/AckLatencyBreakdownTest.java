package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckLatencyBreakdownTest
{
    private static final String STDOUT = """
        final status: STOPPED, semisync, source s, connects 1, events 10, transactions 2, ACKs 2
        ACK latency (us) over 3081 ACKs:
          part            p50        p99        max
          waiting         3.6     1174.5     8106.0
          sync          213.0     3704.8     5795.8
          send           48.7     1526.8    14344.2
          total         288.8     4706.3    16539.6
        """;

    @Test
    void readsEachPartAsTheReplicaPrintsItOnSigterm()
    {
        final AckLatencyBreakdown breakdown = AckLatencyBreakdown.parse(STDOUT);
        assertThat(breakdown.acks()).isEqualTo(3081);
        assertThat(breakdown.parts()).containsExactly(
            new AckLatencyBreakdown.Part("waiting", 3.6, 1174.5, 8106.0),
            new AckLatencyBreakdown.Part("sync", 213.0, 3704.8, 5795.8),
            new AckLatencyBreakdown.Part("send", 48.7, 1526.8, 14344.2),
            new AckLatencyBreakdown.Part("total", 288.8, 4706.3, 16539.6));
    }

    @Test
    void readsPartsByWhateverNameTheReplicaGivesThemAndStopsAtTheTablesEnd()
    {
        final AckLatencyBreakdown breakdown = AckLatencyBreakdown.parse("""
            ACK latency (us) over 12 ACKs:
              part            p50        p99        max
              receive         1.5        9.0       12.0
              delay        2000.0     2100.0     2200.0
              commit-to-ack 2400.0   2600.0     2700.0
            Relay log: 5 events
              other         1.0        2.0        3.0
            """);
        assertThat(breakdown.parts()).extracting(AckLatencyBreakdown.Part::name).containsExactly("receive", "delay", "commit-to-ack");
        assertThat(breakdown.parts()).filteredOn(AckLatencyBreakdown.Part::isStage).extracting(AckLatencyBreakdown.Part::name)
            .containsExactly("receive", "delay");
    }

    @Test
    void theMedianOfEachFigureOverRuns()
    {
        final AckLatencyBreakdown a = new AckLatencyBreakdown(10, List.of(new AckLatencyBreakdown.Part("sync", 100, 900, 2000)));
        final AckLatencyBreakdown b = new AckLatencyBreakdown(30, List.of(new AckLatencyBreakdown.Part("sync", 300, 700, 1000)));
        final AckLatencyBreakdown c = new AckLatencyBreakdown(20, List.of(new AckLatencyBreakdown.Part("sync", 200, 800, 3000)));
        assertThat(AckLatencyBreakdown.median(List.of(a, b, c)))
            .isEqualTo(new AckLatencyBreakdown(20, List.of(new AckLatencyBreakdown.Part("sync", 200, 800, 2000))));
    }

    @Test
    void aReplicaThatDidNotStopCleanlyIsReportedWithTheEndOfItsOutput()
    {
        assertThatThrownBy(() -> AckLatencyBreakdown.parse("status: STREAMING, crashed"))
            .hasMessageContaining("no ACK latency table").hasMessageContaining("crashed");
    }
}

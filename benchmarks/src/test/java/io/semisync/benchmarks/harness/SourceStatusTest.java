package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SourceStatusTest
{
    @Test
    void mariadbCountsTransactionsGroupsAndAcksItself()
    {
        final SourceStatus before = SourceStatus.of(Flavor.MARIADB, mariadb(100, 60, 5_000, 50, 0, 80));
        final SourceStatus after = SourceStatus.of(Flavor.MARIADB, mariadb(1_100, 460, 305_000, 650, 0, 580));

        final SourceView view = after.since(before, 999);

        assertThat(view).isEqualTo(new SourceView(1_000, 400, 300_000, 600, 0, 500));
        assertThat(view.averageAckWaitMicros()).isEqualTo(500.0);
        assertThat(view.transactionsPerGroup()).isEqualTo(2.5);
        assertThat(view.acksPerTransaction()).isEqualTo(0.5);
    }

    @Test
    void mysqlCountsOneSemisyncWaitPerGroupAndTakesTransactionsFromTheLoad()
    {
        final SourceStatus before = SourceStatus.of(Flavor.MYSQL, mysql(10, 2, 1_000, 9));
        final SourceStatus after = SourceStatus.of(Flavor.MYSQL, mysql(310, 2, 151_000, 309));

        final SourceView view = after.since(before, 900);

        assertThat(view).isEqualTo(new SourceView(900, 300, 150_000, 300, 0, SourceView.UNKNOWN));
        assertThat(view.transactionsPerGroup()).isEqualTo(3.0);
        assertThat(view.averageAckWaitMicros()).isCloseTo(500.0, within(1e-9));
        assertThat(view.acksPerTransaction()).isNaN();
    }

    @Test
    void withoutAnyWaitTheAverageIsUnknown()
    {
        assertThat(new SourceView(10, 5, 0, 0, 10, 0).averageAckWaitMicros()).isNaN();
    }

    @Test
    void aMissingVariableIsNamed()
    {
        final SourceStatus before = SourceStatus.of(Flavor.MARIADB, List.of(List.of("Binlog_commits", "1")));
        assertThatThrownBy(() -> before.since(before, 0)).hasMessageContaining("Binlog_group_commits");
    }

    private static List<List<String>> mariadb(final long commits, final long groups, final long waitTime, final long waits,
        final long noTx, final long acks)
    {
        return List.of(
            List.of("Binlog_commits", Long.toString(commits)),
            List.of("Binlog_group_commits", Long.toString(groups)),
            List.of("Rpl_semi_sync_master_get_ack", Long.toString(acks)),
            List.of("Rpl_semi_sync_master_no_tx", Long.toString(noTx)),
            List.of("Rpl_semi_sync_master_status", "ON"),
            List.of("Rpl_semi_sync_master_tx_wait_time", Long.toString(waitTime)),
            List.of("Rpl_semi_sync_master_tx_waits", Long.toString(waits)),
            List.of("Rpl_semi_sync_master_yes_tx", Long.toString(commits)));
    }

    private static List<List<String>> mysql(final long yesTx, final long noTx, final long waitTime, final long waits)
    {
        return List.of(
            List.of("Rpl_semi_sync_source_clients", "1"),
            List.of("Rpl_semi_sync_source_no_tx", Long.toString(noTx)),
            List.of("Rpl_semi_sync_source_status", "ON"),
            List.of("Rpl_semi_sync_source_tx_wait_time", Long.toString(waitTime)),
            List.of("Rpl_semi_sync_source_tx_waits", Long.toString(waits)),
            List.of("Rpl_semi_sync_source_yes_tx", Long.toString(yesTx)));
    }
}

package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OurReplicaCountsTest
{
    /** As {@code run} prints it: a first line, status lines every second, and the final status on SIGTERM. */
    private static final String STDOUT = """
        semisync-replica CONNECTING, not connected, source 127.0.0.1:35741, connects 0, events 0, transactions 0, ACKs 0
        status: STREAMING, semisync, source 127.0.0.1:35741 (MARIADB 10.11.19, server_id 1), connects 1, events 9204, transactions 24, \
        ACKs 20 (last binlog.000001:4242)
        status: STREAMING, semisync, source 127.0.0.1:35741 (MARIADB 10.11.19, server_id 1), connects 1, events 9300, transactions 40, \
        ACKs 31 (last binlog.000001:5000)
        final status: STOPPED, semisync, source 127.0.0.1:35741 (MARIADB 10.11.19, server_id 1), connects 1, events 9460, transactions 140, \
        ACKs 81 (last binlog.000001:9000), last error: ClosedChannelException: null
        ACK latency (us) over 81 ACKs:
        """;

    @Test
    void readsTheLastStatusLineWhetherPeriodicOrFinal()
    {
        assertThat(OurReplicaCounts.last(STDOUT)).contains(new OurReplicaCounts(140, 81));
        assertThat(OurReplicaCounts.last(STDOUT.substring(0, STDOUT.indexOf("final status")))).contains(new OurReplicaCounts(40, 31));
    }

    @Test
    void countsStatusLinesButNotTheFirstLine()
    {
        assertThat(OurReplicaCounts.lines(STDOUT)).isEqualTo(3);
        assertThat(OurReplicaCounts.last(STDOUT.substring(0, STDOUT.indexOf("status:")))).isEmpty();
    }

    @Test
    void acksPerTransactionOfAnInterval()
    {
        final OurReplicaCounts interval = new OurReplicaCounts(140, 81).minus(new OurReplicaCounts(40, 31));
        assertThat(interval).isEqualTo(new OurReplicaCounts(100, 50));
        assertThat(interval.acksPerTransaction()).isEqualTo(0.5);
        assertThat(new OurReplicaCounts(0, 0).acksPerTransaction()).isNaN();
    }
}

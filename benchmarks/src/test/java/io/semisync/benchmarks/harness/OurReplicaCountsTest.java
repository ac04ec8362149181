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
        ACKs 31 (last binlog.000001:5000), ACK journal writes 30
        final status: STOPPED, semisync, source 127.0.0.1:35741 (MARIADB 10.11.19, server_id 1), connects 1, events 9460, transactions 140, \
        ACKs 81 (last binlog.000001:9000), ACK journal writes 78, last error: ClosedChannelException: null
        ACK latency (us) over 81 ACKs:
        """;

    @Test
    void readsTheLastStatusLineWhetherPeriodicOrFinal()
    {
        assertThat(OurReplicaCounts.last(STDOUT)).contains(new OurReplicaCounts(140, 81, 78));
        assertThat(OurReplicaCounts.last(STDOUT.substring(0, STDOUT.indexOf("final status")))).contains(new OurReplicaCounts(40, 31, 30));
        assertThat(OurReplicaCounts.last(STDOUT.substring(0, STDOUT.indexOf("ACKs 31"))))
            .as("a build that does not count its journal's writes").contains(new OurReplicaCounts(24, 20, -1));
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
        final OurReplicaCounts interval = new OurReplicaCounts(140, 81, 78).minus(new OurReplicaCounts(40, 31, 30));
        assertThat(interval).isEqualTo(new OurReplicaCounts(100, 50, 48));
        assertThat(interval.acksPerTransaction()).isEqualTo(0.5);
        assertThat(interval.journalShare()).isEqualTo(0.96);
        assertThat(new OurReplicaCounts(0, 0, 0).acksPerTransaction()).isNaN();
        assertThat(new OurReplicaCounts(0, 0, 0).journalShare()).isNaN();
        assertThat(new OurReplicaCounts(140, 81, 78).minus(new OurReplicaCounts(40, 31, -1)).journalShare())
            .as("unknown at either end").isNaN();
    }
}

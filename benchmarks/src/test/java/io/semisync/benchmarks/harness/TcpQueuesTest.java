package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TcpQueuesTest
{
    /** /proc/net/tcp as Linux prints it: a listener on 127.0.0.1:39797, the source's end of a connection on 3306 with 0x200 bytes unacknowledged. */
    private static final List<String> TCP = List.of(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 0100007F:9B75 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 14108 1 0000000011733d6a 100 0 0 10 0",
        "   1: 0100007F:0CEA 0100007F:D431 01 00000200:00000000 00:00000000 00000000     0        0 14109 1 0000000011733d6b 20 4 30 10 -1");
    /** /proc/net/tcp6: the replica's end (port 0xD431) with 0x10 bytes unread, and an old connection in TIME_WAIT. */
    private static final List<String> TCP6 = List.of(
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt",
        "   0: 0000000000000000FFFF00000100007F:D431 0000000000000000FFFF00000100007F:0CEA 01 00000000:00000010 00:00000000 00000000",
        "   1: 0000000000000000FFFF00000100007F:8ECE 0000000000000000FFFF00000100007F:0CEA 06 00000000:00000000 03:00000C71 00000000");

    @Test
    void readsPortsStateAndQueuesInHex()
    {
        assertThat(TcpQueues.parse(TCP)).containsExactly(
            new TcpQueues.Socket(39797, 0, 0x0A, 0, 0),
            new TcpQueues.Socket(3306, 54321, TcpQueues.ESTABLISHED, 512, 0));
        assertThat(TcpQueues.parse(TCP6)).containsExactly(
            new TcpQueues.Socket(54321, 3306, TcpQueues.ESTABLISHED, 0, 16),
            new TcpQueues.Socket(36558, 3306, 6, 0, 0));
    }

    @Test
    void drainedOnlyWhenTheSourceHasEverythingAcknowledgedAndTheReplicaHasReadEverything()
    {
        final TcpQueues.Socket source = new TcpQueues.Socket(3306, 54321, TcpQueues.ESTABLISHED, 0, 0);
        final TcpQueues.Socket replica = new TcpQueues.Socket(54321, 3306, TcpQueues.ESTABLISHED, 0, 0);
        assertThat(TcpQueues.drained(List.of(source, replica), 3306, 54321)).isTrue();
        assertThat(TcpQueues.drained(List.of(new TcpQueues.Socket(3306, 54321, TcpQueues.ESTABLISHED, 1, 0), replica), 3306, 54321)).isFalse();
        assertThat(TcpQueues.drained(List.of(source, new TcpQueues.Socket(54321, 3306, TcpQueues.ESTABLISHED, 0, 1)), 3306, 54321)).isFalse();
        assertThat(TcpQueues.drained(List.of(source), 3306, 54321)).isFalse();
        assertThat(TcpQueues.drained(List.of(source, new TcpQueues.Socket(54321, 3306, 6, 0, 0)), 3306, 54321)).isFalse();
    }

    @Test
    void readsThisMachinesTables()
    {
        assertThat(TcpQueues.sockets()).allSatisfy(socket -> assertThat(socket.localPort()).isBetween(0, 65535));
    }
}

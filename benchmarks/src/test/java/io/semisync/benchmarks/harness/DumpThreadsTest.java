package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DumpThreadsTest
{
    @Test
    void theReplicasPortIsTheEndOfItsHost()
    {
        assertThat(new DumpThreads.DumpThread(7, "127.0.0.1:54321", null).replicaPort()).isEqualTo(54321);
    }

    @Test
    void bothFlavorsSayTheyHaveSentAllBinlog()
    {
        assertThat(new DumpThreads.DumpThread(7, "h:1", "Source has sent all binlog to replica; waiting for more updates").hasSentAll())
            .isTrue();
        assertThat(new DumpThreads.DumpThread(7, "h:1", "Master has sent all binlog to slave; waiting for more updates").hasSentAll())
            .isTrue();
        assertThat(new DumpThreads.DumpThread(7, "h:1", "Sending binlog event to slave").hasSentAll()).isFalse();
        assertThat(new DumpThreads.DumpThread(7, "h:1", null).hasSentAll()).isFalse();
    }
}

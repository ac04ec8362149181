package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceServer;

import java.util.List;

/** MariaDB 10.6 and later: semisync built in, {@code CHANGE MASTER TO ... MASTER_USE_GTID = slave_pos}. */
final class MariadbReplicaSql implements NativeReplicaSql
{
    @Override
    public List<String> enableSemisync(final SourceServer replica)
    {
        return List.of("SET GLOBAL rpl_semi_sync_slave_enabled = ON");
    }

    @Override
    public String changeSource(final SourceServer source)
    {
        return "CHANGE MASTER TO MASTER_HOST = '" + source.host() + "', MASTER_PORT = " + source.port()
            + ", MASTER_USER = '" + source.replicationUser().name() + "', MASTER_PASSWORD = '" + source.replicationUser().password()
            + "', MASTER_USE_GTID = slave_pos, MASTER_SSL = 0";
    }

    @Override
    public String start(final boolean applier)
    {
        return applier ? "START SLAVE" : "START SLAVE IO_THREAD";
    }

    @Override
    public String stop()
    {
        return "STOP SLAVE";
    }

    @Override
    public String status()
    {
        return "SHOW SLAVE STATUS";
    }

    @Override
    public String sourcePosition()
    {
        return "SELECT @@GLOBAL.gtid_binlog_pos";
    }

    @Override
    public void skipTo(final SourceServer replica, final String sourcePosition)
    {
        replica.execute("RESET SLAVE", "SET GLOBAL gtid_slave_pos = '" + sourcePosition + "'");
    }

    @Override
    public String awaitApplied(final String sourcePosition, final int seconds)
    {
        return "SELECT MASTER_GTID_WAIT('" + sourcePosition + "', " + seconds + ")";
    }
}

package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceServer;

import java.util.ArrayList;
import java.util.List;

/** MySQL 8.4 and 9.x: {@code semisync_replica.so}, {@code CHANGE REPLICATION SOURCE TO} with GTID auto-positioning. */
final class MysqlReplicaSql implements NativeReplicaSql
{
    @Override
    public List<String> enableSemisync(final SourceServer replica)
    {
        final List<String> sql = new ArrayList<>();
        if ("0".equals(replica.queryValue("SELECT COUNT(*) FROM information_schema.plugins WHERE plugin_name = 'rpl_semi_sync_replica'")))
        {
            sql.add("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'");
        }
        sql.add("SET GLOBAL rpl_semi_sync_replica_enabled = ON");
        return sql;
    }

    @Override
    public String changeSource(final SourceServer source)
    {
        return "CHANGE REPLICATION SOURCE TO SOURCE_HOST = '" + source.host() + "', SOURCE_PORT = " + source.port()
            + ", SOURCE_USER = '" + source.replicationUser().name() + "', SOURCE_PASSWORD = '" + source.replicationUser().password()
            + "', SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 0, GET_SOURCE_PUBLIC_KEY = 1";
    }

    @Override
    public String start(final boolean applier)
    {
        return applier ? "START REPLICA" : "START REPLICA IO_THREAD";
    }

    @Override
    public String stop()
    {
        return "STOP REPLICA";
    }

    @Override
    public String status()
    {
        return "SHOW REPLICA STATUS";
    }

    @Override
    public String sourcePosition()
    {
        return "SELECT @@GLOBAL.gtid_executed";
    }

    @Override
    public void skipTo(final SourceServer replica, final String sourcePosition)
    {
        replica.execute("RESET REPLICA");
        final String missing = replica.queryValue("SELECT GTID_SUBTRACT('" + sourcePosition + "', @@GLOBAL.gtid_executed)");
        if (!missing.isBlank())
        {
            replica.execute("SET GLOBAL gtid_purged = '+" + missing + "'");
        }
    }

    @Override
    public String awaitApplied(final String sourcePosition, final int seconds)
    {
        return "SELECT WAIT_FOR_EXECUTED_GTID_SET('" + sourcePosition + "', " + seconds + ")";
    }
}

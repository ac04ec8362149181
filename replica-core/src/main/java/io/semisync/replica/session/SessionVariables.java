package io.semisync.replica.session;

import io.semisync.replica.source.SourceFacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SET} statements a replica sends before it asks for the binlog: checksum awareness, the
 * heartbeat period (nanoseconds), its UUID, semisync registration, and on MariaDB the GTID dialect and, when
 * it resumes by GTID, the GTID position. Both
 * the current and the older variable names are set, as MySQL's own replica does.
 */
final class SessionVariables
{
    /** MariaDB: the replica understands GTID events (MARIA_SLAVE_CAPABILITY_GTID). */
    private static final int MARIADB_CAPABILITY_GTID = 4;

    private SessionVariables()
    {
    }

    static List<String> statements(
        final SourceFacts facts, final Duration heartbeatPeriod, final String replicaUuid, final boolean semisync, final ResumePoint resume)
    {
        final List<String> sql = new ArrayList<>();
        final long heartbeatNanos = heartbeatPeriod.toNanos();
        if (facts.isMariadb())
        {
            sql.add("SET @master_binlog_checksum = @@global.binlog_checksum");
            sql.add("SET @master_heartbeat_period = " + heartbeatNanos);
            sql.add("SET @mariadb_slave_capability = " + MARIADB_CAPABILITY_GTID);
            if (resume instanceof GtidState gtids)
            {
                sql.add("SET @slave_connect_state = '" + gtids + "'");
                sql.add("SET @slave_gtid_strict_mode = 1");
                sql.add("SET @slave_gtid_ignore_duplicates = 0");
            }
            if (semisync)
            {
                sql.add("SET @rpl_semi_sync_slave = 1");
            }
        }
        else
        {
            sql.add("SET @source_binlog_checksum = @@global.binlog_checksum, @master_binlog_checksum = @@global.binlog_checksum");
            sql.add("SET @source_heartbeat_period = " + heartbeatNanos + ", @master_heartbeat_period = " + heartbeatNanos);
            sql.add("SET @replica_uuid = '" + replicaUuid + "', @slave_uuid = '" + replicaUuid + "'");
            if (semisync)
            {
                sql.add("SET @rpl_semi_sync_replica = 1, @rpl_semi_sync_slave = 1");
            }
        }
        return sql;
    }
}

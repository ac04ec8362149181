package io.semisync.replica.serve;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.replica.Replica;
import io.semisync.replica.session.GtidState;
import io.semisync.storage.relaylog.GtidCheckpoint;

import java.util.Optional;

/**
 * Whether this node can serve a MySQL replica by GTIDs, as a source checks its gtid_purged: the relay log's checkpoint
 * counts transactions as had that the relay log does not hold (those the source had purged when this node began, those
 * retention deleted), and the replica must have every one of them. Reads the whole relay log's GTIDs once per dump.
 */
final class ArchiveCoverage
{
    private ArchiveCoverage()
    {
    }

    /** @throws SqlErrorException 1236 naming what the replica lacks that the archive no longer holds */
    static void checkMysql(final Replica replica, final GtidSet replicaHas)
    {
        final Optional<GtidCheckpoint> checkpoint = replica.gtidCheckpoint();
        if (checkpoint.isEmpty())
        {
            return;
        }
        final GtidState had = GtidState.fromCheckpoint(checkpoint.get().state());
        if (had.isMariadb())
        {
            return;
        }
        final GtidState servable = GtidState.of(false, replicaHas.toString());
        replica.scanStoredGtids((index, kind, buffer, offset, length) -> servable.add(kind, buffer, offset));
        if (!servable.mysqlSet().containsAll(had.mysqlSet()))
        {
            throw new SqlErrorException(1236, "HY000", "the replica's GTID set [" + replicaHas + "] lacks transactions this node's "
                + "archive no longer holds: it counts [" + had + "] as had but holds only what it stored since; give the replica "
                + "those transactions (a backup, or gtid_purged if it has them) or point it at a source that still has them");
        }
    }
}

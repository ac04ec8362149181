package io.semisync.replica.serve;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.replica.Replica;
import io.semisync.replica.session.GtidState;
import io.semisync.replica.session.MariadbGtidPosition;
import io.semisync.storage.relaylog.GtidCheckpoint;
import io.semisync.storage.relaylog.GtidKind;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this node can serve a replica by GTIDs, as a source checks its purged binlogs: the relay log's checkpoint
 * counts transactions as had that the relay log does not hold (those the source had before this node began, those
 * retention deleted), and the replica must have every one of them. Reads the GTIDs of the whole relay log, once per
 * dump, on the serving thread.
 */
final class ArchiveCoverage
{
    private static final String ADVICE = "; give the replica those transactions (a backup, or its GTID position if it has them) or "
        + "point it at a source that still has them";

    private ArchiveCoverage()
    {
    }

    /** @throws SqlErrorException 1236 naming what the MySQL replica lacks that the archive no longer holds */
    static void checkMysql(final Replica replica, final GtidSet replicaHas)
    {
        final Optional<GtidState> had = had(replica);
        if (had.isEmpty() || had.get().isMariadb())
        {
            return;
        }
        final GtidState servable = GtidState.of(false, replicaHas.toString());
        replica.scanStoredGtids((index, kind, buffer, offset, length) -> servable.add(kind, buffer, offset, length));
        if (!servable.mysqlSet().containsAll(had.get().mysqlSet()))
        {
            throw new SqlErrorException(1236, "HY000", "the replica's GTID set [" + replicaHas + "] lacks transactions this node's "
                + "archive no longer holds: it counts [" + had.get() + "] as had but holds only what it stored since" + ADVICE);
        }
    }

    /**
     * A MariaDB replica must have, in each domain, every transaction before the first one the archive holds of it, or
     * all the archive counts as had when it holds none.
     *
     * @throws SqlErrorException 1236 naming the domain the MariaDB replica's position is too old for
     */
    static void checkMariadb(final Replica replica, final MariadbGtidPosition replicaHas)
    {
        final Optional<GtidState> had = had(replica);
        if (had.isEmpty() || !had.get().isMariadb())
        {
            return;
        }
        final Map<Long, Long> firstHeld = new HashMap<>();
        replica.scanStoredGtids((index, kind, buffer, offset, length) ->
        {
            if (kind == GtidKind.MARIADB)
            {
                firstHeld.putIfAbsent(buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL,
                    buffer.getLong(offset + 2 * Integer.BYTES, ByteOrder.LITTLE_ENDIAN));
            }
        });
        final MariadbGtidPosition counted = MariadbGtidPosition.parse(had.get().toString());
        for (final long domain : counted.domains())
        {
            final long needed = firstHeld.containsKey(domain) ? firstHeld.get(domain) - 1 : counted.sequence(domain);
            if (replicaHas.sequence(domain) < needed)
            {
                throw new SqlErrorException(1236, "HY000", "the replica's GTID position [" + replicaHas + "] lacks transactions of "
                    + "domain " + domain + " up to sequence " + needed + " that this node's archive no longer holds" + ADVICE);
            }
        }
    }

    /** Error 1236 for a registered replica whose records retention deleted, with its registration's message. */
    static SqlErrorException fellBehind(final String message)
    {
        return new SqlErrorException(1236, "HY000", "the archive lost what the replica needs: " + message
            + "; give the replica those transactions (a backup) or point it at a source that has them");
    }

    private static Optional<GtidState> had(final Replica replica)
    {
        return replica.gtidCheckpoint().map(GtidCheckpoint::state).map(GtidState::fromCheckpoint);
    }
}

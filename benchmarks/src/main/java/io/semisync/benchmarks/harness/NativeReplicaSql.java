package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

import java.util.List;

/** The statements that make a second server of a flavor a semisync replica of the source, in that flavor's words. */
interface NativeReplicaSql
{
    static NativeReplicaSql of(final Flavor flavor)
    {
        return flavor == Flavor.MYSQL ? new MysqlReplicaSql() : new MariadbReplicaSql();
    }

    /** Loads (where needed) and enables the replica side of semisync; takes effect when the I/O thread starts. */
    List<String> enableSemisync(SourceServer replica);

    /** Points the replica at the source over plain TCP (no TLS, as our replica runs), positioned by GTID. */
    String changeSource(SourceServer source);

    String start(boolean applier);

    String stop();

    /** The replica's status row, e.g. {@code SHOW REPLICA STATUS}. */
    String status();

    /** On the source: the GTID state the replica must have seen to be caught up. */
    String sourcePosition();

    /**
     * With replication stopped: drops the relay log and marks everything up to {@code sourcePosition} as done, so the
     * next start streams from the source's current position, as our replica does with an empty data directory.
     */
    void skipTo(SourceServer replica, String sourcePosition);

    /** A query that waits up to {@code seconds} for the applier to reach {@code sourcePosition} and returns 0 if it did. */
    String awaitApplied(String sourcePosition, int seconds);
}

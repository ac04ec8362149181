package io.semisync.replica.admin;

import io.semisync.protocol.server.ResultColumn;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.ReplicaStatus;
import io.semisync.replica.SemisyncMode;
import io.semisync.replica.StoredProgress;

import java.time.Duration;

/**
 * {@code SHOW STATUS}: MySQL's semisync replica status ({@code Rpl_semi_sync_replica_status}, and its older name
 * {@code Rpl_semi_sync_slave_status}: ON while the current stream is semisynchronous), {@code Uptime}, and this
 * replica's own counters since it started, named {@code Semisync_replica_*}.
 */
final class StatusVariables
{
    private StatusVariables()
    {
    }

    /**
     * @param ackSyncs syncs an ACK waited for (one per ACK)
     * @param uptime   time since the replica started
     */
    static ResultTable table(final ReplicaStatus status, final StoredProgress progress, final long ackSyncs, final Duration uptime)
    {
        final String semisync = status.state() == ReplicaState.STREAMING && status.semisync() == SemisyncMode.ACTIVE ? "ON" : "OFF";
        final String behind = status.state() == ReplicaState.STREAMING ? String.valueOf(Math.max(0, progress.secondsBehindSource())) : "";
        return new ResultTable(ResultColumn.text("Variable_name"), ResultColumn.text("Value"))
            .add("Rpl_semi_sync_replica_status", semisync)
            .add("Rpl_semi_sync_slave_status", semisync)
            .add("Semisync_replica_ack_syncs", String.valueOf(ackSyncs))
            .add("Semisync_replica_acks_sent", String.valueOf(status.acksSent()))
            .add("Semisync_replica_connects", String.valueOf(status.connects()))
            .add("Semisync_replica_event_bytes_stored", String.valueOf(progress.eventBytes()))
            .add("Semisync_replica_events_stored", String.valueOf(status.eventsStored()))
            .add("Semisync_replica_last_ack", status.lastAck())
            .add("Semisync_replica_reconnects", String.valueOf(Math.max(0, status.connects() - 1)))
            .add("Semisync_replica_seconds_behind_source", behind)
            .add("Semisync_replica_state", status.state().name())
            .add("Semisync_replica_transactions_acknowledged", String.valueOf(progress.acknowledgedTransactions()))
            .add("Semisync_replica_transactions_stored", String.valueOf(status.transactionsStored()))
            .add("Uptime", String.valueOf(uptime.toSeconds()));
    }
}

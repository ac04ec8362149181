package io.semisync.replica.admin;

import io.semisync.protocol.server.ResultColumn;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.ReplicaStatus;
import io.semisync.replica.SemisyncMode;
import io.semisync.replica.StoredProgress;
import io.semisync.replica.cdc.kafka.KafkaSinkStatus;
import io.semisync.replica.stream.AckLatency;
import io.semisync.replica.stream.ChainedAcks;
import io.semisync.replica.stream.LatencyStage;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code SHOW STATUS}: MySQL's semisync replica status ({@code Rpl_semi_sync_replica_status}, and its older name
 * {@code Rpl_semi_sync_slave_status}: ON while the current stream is semisynchronous), {@code Uptime}, and this
 * replica's own counters since it started, named {@code Semisync_replica_*}, with the median and p99 of each
 * {@link LatencyStage} of the transactions acknowledged ({@code Semisync_replica_latency_<stage>_p50_us}), and what each
 * Kafka sink on the data directory last said of itself ({@code Semisync_replica_kafka_<prefix>_<feed>_*}, from its status
 * file: the sink may run as a process of its own).
 */
final class StatusVariables
{
    private StatusVariables()
    {
    }

    /**
     * @param latency where the acknowledged transactions' time went, and the ACKs sent (one sync each)
     * @param uptime  time since the replica started
     * @param chain   the downstream ACKs our ACKs wait for, if any ({@code Semisync_replica_chain_*})
     * @param sinks   the Kafka sinks' last status, and the time now, by which a sink that has said nothing for long is SILENT
     */
    static ResultTable table(final ReplicaStatus status, final StoredProgress progress, final AckLatency latency, final Duration uptime,
        final Optional<ChainedAcks> chain, final List<KafkaSinkStatus> sinks, final Instant now)
    {
        final String semisync = status.state() == ReplicaState.STREAMING && status.semisync() == SemisyncMode.ACTIVE ? "ON" : "OFF";
        final String behind = status.state() == ReplicaState.STREAMING ? String.valueOf(Math.max(0, progress.secondsBehindSource())) : "";
        final ResultTable table = new ResultTable(ResultColumn.text("Variable_name"), ResultColumn.text("Value"))
            .add("Rpl_semi_sync_replica_status", semisync)
            .add("Rpl_semi_sync_slave_status", semisync)
            .add("Semisync_replica_ack_journal_writes", String.valueOf(status.ackJournalWrites()))
            .add("Semisync_replica_ack_syncs", String.valueOf(latency.count()))
            .add("Semisync_replica_acks_sent", String.valueOf(status.acksSent()))
            .add("Semisync_replica_chain_reached", chain.map(ChainedAcks::reached).orElse(""))
            .add("Semisync_replica_chain_status", chain.map(acks -> acks.active() ? "ON" : "OFF").orElse("OFF"))
            .add("Semisync_replica_chain_timeouts", String.valueOf(chain.map(ChainedAcks::timeouts).orElse(0L)))
            .add("Semisync_replica_chain_waits_for", String.valueOf(chain.map(ChainedAcks::needed).orElse(0)))
            .add("Semisync_replica_connects", String.valueOf(status.connects()))
            .add("Semisync_replica_event_bytes_stored", String.valueOf(progress.eventBytes()))
            .add("Semisync_replica_events_stored", String.valueOf(status.eventsStored()))
            .add("Semisync_replica_experiment", status.experiment());
        for (final KafkaSinkStatus sink : sinks)
        {
            final String name = "Semisync_replica_kafka_" + sink.name().replaceAll("[^A-Za-z0-9]", "_");
            table.add(name + "_failed_attempts", String.valueOf(sink.failedAttempts()))
                .add(name + "_ms_behind_source", String.valueOf(sink.millisBehindSource()))
                .add(name + "_position", sink.position())
                .add(name + "_records", String.valueOf(sink.records()))
                .add(name + "_state", sink.state(now))
                .add(name + "_transactions_behind", sink.transactionsBehindText())
                .add(name + "_updated", sink.updated().toString());
        }
        table.add("Semisync_replica_last_ack", status.lastAck());
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram nanos = latency.nanos(stage);
            final String name = "Semisync_replica_latency_" + stage.label().replace('-', '_');
            table.add(name + "_p50_us", String.valueOf(nanos.getValueAtPercentile(50) / 1000))
                .add(name + "_p99_us", String.valueOf(nanos.getValueAtPercentile(99) / 1000));
        }
        return table
            .add("Semisync_replica_reconnects", String.valueOf(Math.max(0, status.connects() - 1)))
            .add("Semisync_replica_seconds_behind_source", behind)
            .add("Semisync_replica_state", status.state().name())
            .add("Semisync_replica_transactions_acknowledged", String.valueOf(progress.acknowledgedTransactions()))
            .add("Semisync_replica_transactions_stored", String.valueOf(status.transactionsStored()))
            .add("Uptime", String.valueOf(uptime.toSeconds()));
    }
}

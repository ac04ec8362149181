package io.semisync.benchmarks.load;

import io.semisync.sources.SourceEndpoint;

/**
 * The source's own semisync counters at one moment: transactions acknowledged ({@code yes_tx}), committed
 * without an ACK ({@code no_tx}), whether semisync is on ({@code status}) and the semisync replicas connected.
 */
public record SemisyncCounters(long yesTx, long noTx, boolean on, long clients)
{
    public static SemisyncCounters of(final SourceEndpoint source)
    {
        final String prefix = source.flavor().semisyncStatusPrefix();
        return new SemisyncCounters(
            source.globalStatus(prefix + "_yes_tx"),
            source.globalStatus(prefix + "_no_tx"),
            source.globalStatus(prefix + "_status") == 1,
            source.globalStatus(prefix + "_clients"));
    }

    /** As the source names them, e.g. {@code Rpl_semi_sync_source_yes_tx=12 _no_tx=0 _status=ON _clients=1}. */
    public String describe(final SourceEndpoint source)
    {
        final String prefix = source.flavor().semisyncStatusPrefix();
        return prefix + "_yes_tx=" + yesTx + "  " + prefix + "_no_tx=" + noTx + "  " + prefix + "_status=" + (on ? "ON" : "OFF")
            + "  " + prefix + "_clients=" + clients;
    }
}

package io.semisync.benchmarks.harness;

/**
 * What the source counted during one measured interval, from its own status variables.
 *
 * @param transactions      transactions committed to the binlog
 * @param groups            binlog group commits: MariaDB's {@code Binlog_group_commits}; on MySQL, whose semisync plugin
 *                          waits once per group at AFTER_SYNC, {@code yes_tx} plus {@code no_tx}
 * @param ackWaitMicros     time commits spent waiting for a semisync ACK ({@code tx_wait_time}), in microseconds
 * @param ackWaits          waits that {@code ackWaitMicros} adds up ({@code tx_waits}): one per group on MySQL, one per
 *                          transaction on MariaDB, only where the ACK had not arrived yet when the commit came to wait
 * @param noTx              commits without a semisync ACK ({@code no_tx})
 * @param acksReceived      ACKs the source read from its semisync replica ({@code get_ack}, MariaDB only), or
 *                          {@link #UNKNOWN}
 */
record SourceView(long transactions, long groups, long ackWaitMicros, long ackWaits, long noTx, long acksReceived)
{
    /** A figure this flavor does not count. */
    static final long UNKNOWN = -1;

    /** The source's average wait for an ACK, in microseconds, over the waits it counted; NaN without any. */
    double averageAckWaitMicros()
    {
        return ackWaits == 0 ? Double.NaN : (double) ackWaitMicros / ackWaits;
    }

    /** Transactions per binlog group commit; NaN without any group. */
    double transactionsPerGroup()
    {
        return groups == 0 ? Double.NaN : (double) transactions / groups;
    }

    /** ACKs the source read per transaction; NaN where the source does not count ACKs or nothing committed. */
    double acksPerTransaction()
    {
        return acksReceived == UNKNOWN || transactions == 0 ? Double.NaN : (double) acksReceived / transactions;
    }
}

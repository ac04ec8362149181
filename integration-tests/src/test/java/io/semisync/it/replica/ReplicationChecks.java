package io.semisync.it.replica;

import io.semisync.sources.SourceServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits and assertions shared by the replica tests: is the replica connected, caught up, and is its relay log exact. */
public final class ReplicationChecks
{
    private static final int SHOWN = 10;

    private ReplicationChecks()
    {
    }

    /** The source's semisync status variable {@code <prefix>_<name>}, e.g. {@code clients}, {@code yes_tx}. */
    public static long semisyncStatus(final SourceServer server, final String name)
    {
        return server.globalStatus(server.flavor().semisyncStatusPrefix() + "_" + name);
    }

    /**
     * Waits until the replica streams as a semisync replica and the source counts it as its one semisync client
     * with semisync status ON. A MySQL source that had no semisync replica switches semisync on only when a
     * replica has caught up, which it learns from an ACK: so while the status is OFF this commits warm-up rows
     * into {@link SourceLoad#TABLE} (client -1) for the replica to acknowledge.
     */
    public static void awaitSemisyncConnected(final ReplicaProcess replica, final SourceServer server, final Duration timeout)
    {
        replica.awaitStatus("semisync streaming", timeout, ReplicaStatusLine::isSemisyncStreaming);
        Waits.until("semisync client on the source", timeout, () -> semisyncStatus(server, "clients") == 1,
            () -> "clients " + semisyncStatus(server, "clients") + replica.logTail());
        Waits.until("semisync status ON on the source", timeout, () ->
        {
            if (semisyncStatus(server, "status") == 1)
            {
                return true;
            }
            server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-1, 'warm-up')");
            return false;
        }, () -> "clients " + semisyncStatus(server, "clients") + ", status " + semisyncStatus(server, "status") + replica.logTail());
    }

    /** Waits until the relay log holds the source's transaction {@code sequence} as committed. */
    public static void awaitStored(final SourceServer server, final Path dataDir, final long sequence, final Duration timeout,
        final ReplicaProcess replica)
    {
        final String gtid = SourceBinlog.gtid(server, sequence);
        // until the replica has opened its relay log, the directory may hold it half created
        replica.awaitStatus("the relay log open", timeout, status -> true);
        Waits.until("transaction " + gtid + " in the relay log", timeout, () -> RelayLogContents.read(dataDir).hasCommitted(gtid),
            () -> "relay log: " + RelayLogContents.read(dataDir).summary() + replica.logTail());
    }

    /**
     * Waits until the relay log holds the source's latest transaction, stops the replica (SIGTERM, a clean shutdown)
     * and checks {@link #assertHoldsExactly} from {@code first} to that transaction.
     */
    public static void stopCaughtUpAndAssertHoldsExactly(
        final SourceServer server, final Path dataDir, final long first, final ReplicaProcess replica, final Duration timeout)
    {
        final long last = SourceBinlog.lastSequence(server);
        awaitStored(server, dataDir, last, timeout, replica);
        replica.stop();
        assertHoldsExactly(server, dataDir, first, last);
    }

    /**
     * The relay log holds exactly the source's own transactions {@code first..last}: each once, in the source's
     * order, every event of each at its source {@code file:end-position}; nothing else with a GTID; no event
     * with a bad CRC32, no position going backwards within a file, no interrupted transaction.
     */
    public static void assertHoldsExactly(final SourceServer server, final Path dataDir, final long first, final long last)
    {
        final RelayLogContents relayLog = RelayLogContents.read(dataDir);
        assertThat(relayLog.anomalies()).as("anomalies in the relay log").isEmpty();
        final List<BinlogTransaction> expected = SourceBinlog.transactions(server, first, last);
        final List<BinlogTransaction> actual = relayLog.transactions();
        if (!actual.equals(expected))
        {
            throw new AssertionError(difference(expected, actual));
        }
        assertThat(relayLog.committedGtids()).as("committed GTIDs").doesNotHaveDuplicates().hasSize(expected.size());
    }

    private static String difference(final List<BinlogTransaction> expected, final List<BinlogTransaction> actual)
    {
        final Map<String, Integer> counts = new HashMap<>();
        actual.forEach(transaction -> counts.merge(transaction.gtid(), 1, Integer::sum));
        final Set<String> expectedGtids = new LinkedHashSet<>();
        expected.forEach(transaction -> expectedGtids.add(transaction.gtid()));
        final List<String> missing = new ArrayList<>();
        final List<String> duplicated = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
        for (final String gtid : expectedGtids)
        {
            final int count = counts.getOrDefault(gtid, 0);
            if (count == 0)
            {
                missing.add(gtid);
            }
            else if (count > 1)
            {
                duplicated.add(gtid + " x" + count);
            }
        }
        counts.keySet().stream().filter(gtid -> !expectedGtids.contains(gtid)).forEach(unexpected::add);
        int mismatch = 0;
        while (mismatch < Math.min(expected.size(), actual.size()) && expected.get(mismatch).equals(actual.get(mismatch)))
        {
            mismatch++;
        }
        return "the relay log does not hold exactly the source's " + expected.size() + " transactions (it holds " + actual.size()
            + "): missing " + missing.size() + " " + first(missing) + ", duplicated " + duplicated.size() + " " + first(duplicated)
            + ", not from the source " + unexpected.size() + " " + first(unexpected) + "; first difference at transaction " + mismatch
            + ": source " + (mismatch < expected.size() ? expected.get(mismatch) : "none")
            + ", relay log " + (mismatch < actual.size() ? actual.get(mismatch) : "none");
    }

    private static List<String> first(final List<String> gtids)
    {
        return gtids.subList(0, Math.min(SHOWN, gtids.size()));
    }
}

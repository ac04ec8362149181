package io.semisync.benchmarks.harness;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transactions our replica stored, ACKs it sent and ACKs a write of its ACK journal served so far, as its {@code run}
 * command prints them in each status line ({@code status: ...} every {@code --status-interval-s}, {@code final status: ...}
 * on SIGTERM).
 *
 * @param journalWrites the ACKs a write of the ACK journal served, -1 where the build does not print them
 */
record OurReplicaCounts(long transactions, long acks, long journalWrites)
{
    private static final Pattern COUNTS = Pattern.compile(
        "^(?:final )?status: .*, transactions (\\d+), ACKs (\\d+)(?: \\(last [^)]*\\))?(?:, ACK journal writes (\\d+))?", Pattern.MULTILINE);

    /** The counts of the last status line in {@code stdout}, if it has one. */
    static Optional<OurReplicaCounts> last(final String stdout)
    {
        final Matcher matcher = COUNTS.matcher(stdout);
        OurReplicaCounts last = null;
        while (matcher.find())
        {
            last = new OurReplicaCounts(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                matcher.group(3) == null ? -1 : Long.parseLong(matcher.group(3)));
        }
        return Optional.ofNullable(last);
    }

    /** Status lines in {@code stdout}: a new one says the counts were read again. */
    static long lines(final String stdout)
    {
        return COUNTS.matcher(stdout).results().count();
    }

    OurReplicaCounts minus(final OurReplicaCounts earlier)
    {
        return new OurReplicaCounts(transactions - earlier.transactions, acks - earlier.acks,
            journalWrites < 0 || earlier.journalWrites < 0 ? -1 : journalWrites - earlier.journalWrites);
    }

    /** The share of the ACKs a write of the ACK journal served, the others waited for an fdatasync; NaN where unknown. */
    double journalShare()
    {
        return acks == 0 || journalWrites < 0 ? Double.NaN : (double) journalWrites / acks;
    }

    /** ACKs per stored transaction; NaN without any transaction. */
    double acksPerTransaction()
    {
        return transactions == 0 ? Double.NaN : (double) acks / transactions;
    }
}

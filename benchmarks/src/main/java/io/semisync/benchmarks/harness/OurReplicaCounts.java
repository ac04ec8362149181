package io.semisync.benchmarks.harness;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transactions our replica stored and ACKs it sent so far, as its {@code run} command prints them in each status line
 * ({@code status: ...} every {@code --status-interval-s}, {@code final status: ...} on SIGTERM).
 */
record OurReplicaCounts(long transactions, long acks)
{
    private static final Pattern COUNTS = Pattern.compile("^(?:final )?status: .*, transactions (\\d+), ACKs (\\d+)", Pattern.MULTILINE);

    /** The counts of the last status line in {@code stdout}, if it has one. */
    static Optional<OurReplicaCounts> last(final String stdout)
    {
        final Matcher matcher = COUNTS.matcher(stdout);
        OurReplicaCounts last = null;
        while (matcher.find())
        {
            last = new OurReplicaCounts(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
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
        return new OurReplicaCounts(transactions - earlier.transactions, acks - earlier.acks);
    }

    /** ACKs per stored transaction; NaN without any transaction. */
    double acksPerTransaction()
    {
        return transactions == 0 ? Double.NaN : (double) acks / transactions;
    }
}

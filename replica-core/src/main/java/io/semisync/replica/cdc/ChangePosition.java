package io.semisync.replica.cdc;

/**
 * Where a change line stands in the feed, written {@code INDEX:CHANGE}: the relay-log index of the first event of its
 * transaction and its ordinal among the transaction's changes (row changes and DDL statements, counted whether a
 * filter lets them through or not, from 1). Lines come out in increasing position; resuming after a position skips
 * everything up to it and nothing after.
 *
 * @param transactionIndex relay-log index of the transaction's first event.
 * @param change           ordinal of the change in its transaction; 0 means before its first change.
 */
public record ChangePosition(long transactionIndex, long change)
{
    /** The start of the relay log: nothing is skipped. */
    public static final ChangePosition START = new ChangePosition(-1, 0);

    /**
     * @param text {@code INDEX:CHANGE}, as a line's {@code position} field shows it.
     * @return the position.
     * @throws CdcException if the text is not one.
     */
    public static ChangePosition parse(final String text)
    {
        final int colon = text.indexOf(':');
        try
        {
            if (colon > 0)
            {
                final ChangePosition position = new ChangePosition(Long.parseLong(text.substring(0, colon)),
                    Long.parseLong(text.substring(colon + 1)));
                if (position.transactionIndex >= 0 && position.change >= 0)
                {
                    return position;
                }
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below with the text
        }
        throw new CdcException("'" + text + "' is not a change position: write INDEX:CHANGE as the position field of an output "
            + "line shows it, e.g. 1234567:3");
    }

    /** Whether a change at {@code transactionIndex} with ordinal {@code change} comes after this position. */
    public boolean isBefore(final long transactionIndex, final long change)
    {
        return transactionIndex > this.transactionIndex || transactionIndex == this.transactionIndex && change > this.change;
    }

    @Override
    public String toString()
    {
        return transactionIndex + ":" + change;
    }
}

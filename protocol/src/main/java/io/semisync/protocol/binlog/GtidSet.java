package io.semisync.protocol.binlog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A MySQL GTID set: for each source UUID, sorted disjoint intervals of transaction numbers. Parses and
 * prints the text form of {@code @@gtid_executed} ({@code uuid:1-5:7,uuid2:1-3}) and writes the binary
 * form of COM_BINLOG_DUMP_GTID: number of UUIDs u64, then per UUID its 16 bytes, number of intervals u64
 * and [start u64, end-exclusive u64] per interval. Adding the next number of the last UUID seen does not
 * allocate. Tagged GTIDs (MySQL 8.3+) are not supported.
 */
public final class GtidSet
{
    private final Map<UUID, Intervals> byUuid = new LinkedHashMap<>();
    private long lastMsb;
    private long lastLsb;
    private Intervals last;

    /** Parses the text form; whitespace and newlines are ignored, an empty string is the empty set. */
    public static GtidSet parse(final String text)
    {
        final GtidSet set = new GtidSet();
        final String compact = text.replaceAll("\\s", "");
        if (compact.isEmpty())
        {
            return set;
        }
        for (final String part : compact.split(","))
        {
            final String[] fields = part.split(":");
            if (fields.length < 2)
            {
                throw new IllegalArgumentException("GTID set element '" + part + "' has no transaction numbers");
            }
            final UUID uuid;
            try
            {
                uuid = UUID.fromString(fields[0]);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("GTID set element '" + part + "' does not start with a UUID", ex);
            }
            for (int i = 1; i < fields.length; i++)
            {
                if (!fields[i].isEmpty() && (Character.isLetter(fields[i].charAt(0)) || fields[i].charAt(0) == '_'))
                {
                    throw new IllegalArgumentException("GTID set element '" + part + "' holds the tag '" + fields[i]
                        + "': tagged GTIDs (MySQL 8.3+) are not supported");
                }
                final String[] range = fields[i].split("-", -1);
                final long start = transactionNumber(part, range[0]);
                final long end = range.length > 1 ? transactionNumber(part, range[1]) : start;
                if (range.length > 2 || end < start)
                {
                    throw new IllegalArgumentException("GTID set element '" + part + "' has a bad interval '" + fields[i] + "'");
                }
                set.addRange(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), start, end + 1);
            }
        }
        return set;
    }

    private static long transactionNumber(final String part, final String text)
    {
        try
        {
            final long number = Long.parseLong(text);
            if (number >= 1 && number < Long.MAX_VALUE)
            {
                return number;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below, naming the element
        }
        throw new IllegalArgumentException("GTID set element '" + part + "' has a bad transaction number '" + text + "'");
    }

    /** Adds one transaction. */
    public void add(final long uuidMsb, final long uuidLsb, final long gno)
    {
        addRange(uuidMsb, uuidLsb, gno, gno + 1);
    }

    public boolean contains(final UUID uuid, final long gno)
    {
        final Intervals intervals = byUuid.get(uuid);
        return intervals != null && intervals.contains(gno);
    }

    /** Whether every transaction of {@code other} is in this set. */
    public boolean containsAll(final GtidSet other)
    {
        for (final Map.Entry<UUID, Intervals> entry : other.byUuid.entrySet())
        {
            final Intervals theirs = entry.getValue();
            final Intervals mine = byUuid.get(entry.getKey());
            for (int i = 0; i < theirs.count; i++)
            {
                if (mine == null || !mine.covers(theirs.starts[i], theirs.ends[i]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean isEmpty()
    {
        return byUuid.isEmpty();
    }

    /** Adds another set. */
    public void addAll(final GtidSet other)
    {
        other.byUuid.forEach((uuid, intervals) ->
        {
            for (int i = 0; i < intervals.count; i++)
            {
                addRange(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), intervals.starts[i], intervals.ends[i]);
            }
        });
    }

    /** Length of {@link #encode(ByteBuf)}'s output. */
    public int encodedLength()
    {
        int length = Long.BYTES;
        for (final Intervals intervals : byUuid.values())
        {
            length += 16 + Long.BYTES + intervals.count * 2 * Long.BYTES;
        }
        return length;
    }

    /** Writes the binary form for COM_BINLOG_DUMP_GTID. */
    public void encode(final ByteBuf out)
    {
        out.writeLongLE(byUuid.size());
        byUuid.forEach((uuid, intervals) ->
        {
            out.writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
            out.writeLongLE(intervals.count);
            for (int i = 0; i < intervals.count; i++)
            {
                out.writeLongLE(intervals.starts[i]).writeLongLE(intervals.ends[i]);
            }
        });
    }

    public byte[] toBytes()
    {
        final ByteBuf out = Unpooled.buffer(encodedLength());
        encode(out);
        return out.array();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof GtidSet && toString().equals(other.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    /** The text form, UUIDs in the order first added. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        byUuid.forEach((uuid, intervals) ->
        {
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(uuid);
            for (int i = 0; i < intervals.count; i++)
            {
                text.append(':').append(intervals.starts[i]);
                if (intervals.ends[i] - 1 != intervals.starts[i])
                {
                    text.append('-').append(intervals.ends[i] - 1);
                }
            }
        });
        return text.toString();
    }

    /** Adds the transactions {@code start} (inclusive) to {@code endExclusive} of one UUID. */
    public void addRange(final long msb, final long lsb, final long start, final long endExclusive)
    {
        if (last == null || msb != lastMsb || lsb != lastLsb)
        {
            last = byUuid.computeIfAbsent(new UUID(msb, lsb), uuid -> new Intervals());
            lastMsb = msb;
            lastLsb = lsb;
        }
        last.add(start, endExclusive);
    }

    /** Sorted, disjoint, non-adjacent [start, end) intervals. */
    private static final class Intervals
    {
        private long[] starts = new long[4];
        private long[] ends = new long[4];
        private int count;

        /** Whether [start, end) lies in one interval: intervals are disjoint and not adjacent, so it must. */
        boolean covers(final long start, final long end)
        {
            for (int i = 0; i < count; i++)
            {
                if (start >= starts[i] && end <= ends[i])
                {
                    return true;
                }
            }
            return false;
        }

        boolean contains(final long value)
        {
            for (int i = 0; i < count; i++)
            {
                if (value >= starts[i] && value < ends[i])
                {
                    return true;
                }
            }
            return false;
        }

        void add(final long start, final long end)
        {
            if (count > 0 && start >= starts[count - 1] && start <= ends[count - 1])
            {
                ends[count - 1] = Math.max(ends[count - 1], end);
                return;
            }
            if (count == 0 || start > ends[count - 1])
            {
                append(start, end);
                return;
            }
            final long[] oldStarts = Arrays.copyOf(starts, count);
            final long[] oldEnds = Arrays.copyOf(ends, count);
            final int oldCount = count;
            count = 0;
            boolean placed = false;
            for (int i = 0; i < oldCount; i++)
            {
                if (!placed && start < oldStarts[i])
                {
                    merge(start, end);
                    placed = true;
                }
                merge(oldStarts[i], oldEnds[i]);
            }
            if (!placed)
            {
                merge(start, end);
            }
        }

        private void merge(final long start, final long end)
        {
            if (count > 0 && start <= ends[count - 1])
            {
                ends[count - 1] = Math.max(ends[count - 1], end);
            }
            else
            {
                append(start, end);
            }
        }

        private void append(final long start, final long end)
        {
            if (count == starts.length)
            {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }
    }
}

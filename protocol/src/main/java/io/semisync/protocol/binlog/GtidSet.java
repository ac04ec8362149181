package io.semisync.protocol.binlog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A MySQL GTID set: for each source UUID and tag (MySQL 8.3+; untagged is the empty tag), sorted disjoint intervals of
 * transaction numbers. Parses and prints the text form of {@code @@gtid_executed} ({@code uuid:1-5:7:tag1:1-3,uuid2:1-3}:
 * numbers after a tag are that tag's, tags in lower case) and reads and writes the binary form of COM_BINLOG_DUMP_GTID
 * and PREVIOUS_GTIDS. Untagged, as every server writes a set without tags: number of (UUID, tag) pairs u64, then per pair
 * its UUID's 16 bytes, number of intervals u64 and [start u64, end-exclusive u64] per interval. Tagged (8.3+, written only
 * for a set that holds a tag): a u64 whose lowest and highest byte hold the format 1 and the six bytes between the
 * count, then per pair the UUID, the tag's length as a {@link VarlenInteger} and its bytes, and the intervals as before.
 * Adding the next number of the last UUID and tag seen does not allocate.
 */
public final class GtidSet
{
    private static final String UNTAGGED = "";
    private static final int TAGGED_FORMAT = 1;
    private static final int UUID_LENGTH = 16;
    private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]{0,31}");

    private final Map<UUID, Tags> byUuid = new LinkedHashMap<>();
    private long lastMsb;
    private long lastLsb;
    private String lastTag;
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
            String tag = UNTAGGED;
            boolean numbered = false;
            for (int i = 1; i < fields.length; i++)
            {
                if (!fields[i].isEmpty() && (Character.isLetter(fields[i].charAt(0)) || fields[i].charAt(0) == '_'))
                {
                    if (!numbered && i > 1)
                    {
                        throw new IllegalArgumentException("GTID set element '" + part + "' has no transaction numbers"
                            + (tag.isEmpty() ? "" : " for tag '" + tag + "'"));
                    }
                    tag = tag(fields[i], "GTID set element '" + part + "'");
                    numbered = false;
                    continue;
                }
                final String[] range = fields[i].split("-", -1);
                final long start = transactionNumber(part, range[0]);
                final long end = range.length > 1 ? transactionNumber(part, range[1]) : start;
                if (range.length > 2 || end < start)
                {
                    throw new IllegalArgumentException("GTID set element '" + part + "' has a bad interval '" + fields[i] + "'");
                }
                set.addRange(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), tag, start, end + 1);
                numbered = true;
            }
            if (!numbered)
            {
                throw new IllegalArgumentException("GTID set element '" + part + "' has no transaction numbers for tag '" + tag + "'");
            }
        }
        return set;
    }

    /**
     * Reads the binary form, untagged or tagged.
     *
     * @throws IllegalArgumentException saying what is wrong when the bytes are not a GTID set
     */
    public static GtidSet decode(final ByteBuf in)
    {
        final GtidSet set = new GtidSet();
        try
        {
            final long first = in.readLongLE();
            final int format = (int)(first >>> 56);
            final boolean tagged = format == TAGGED_FORMAT;
            if (format != 0 && !(tagged && (first & 0xFF) == TAGGED_FORMAT))
            {
                throw new IllegalArgumentException("the GTID set's encoding is of unknown format " + format
                    + " (0 untagged and 1 tagged are known)");
            }
            final long count = tagged ? first >>> 8 & 0xFFFF_FFFF_FFFFL : first;
            for (long pair = 0; pair < count; pair++)
            {
                final long msb = in.readLong();
                final long lsb = in.readLong();
                final String tag = tagged ? decodeTag(in) : UNTAGGED;
                final long intervals = in.readLongLE();
                for (long i = 0; i < intervals; i++)
                {
                    final long start = in.readLongLE();
                    final long end = in.readLongLE();
                    if (start < 1 || end <= start)
                    {
                        throw new IllegalArgumentException("the GTID set holds the interval [" + start + ", " + end + ") of "
                            + new UUID(msb, lsb) + (tag.isEmpty() ? "" : ":" + tag) + ", which is empty or starts below 1");
                    }
                    set.addRange(msb, lsb, tag, start, end);
                }
            }
            return set;
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("the GTID set's encoding ends before the set does", ex);
        }
    }

    private static String decodeTag(final ByteBuf in)
    {
        final byte first = in.readByte();
        final int length = (first & 0xFF) >>> 1;
        if (VarlenInteger.length(first) != 1 || length > GtidTaggedEventFlyweight.MAX_TAG_LENGTH)
        {
            throw new IllegalArgumentException("the GTID set holds a tag longer than " + GtidTaggedEventFlyweight.MAX_TAG_LENGTH
                + " bytes");
        }
        final String tag = in.readCharSequence(length, StandardCharsets.US_ASCII).toString();
        return tag.isEmpty() ? UNTAGGED : tag(tag, "the GTID set's binary form");
    }

    /** A tag as MySQL keeps it: lower case, 1 to 32 letters, digits and underscores, not starting with a digit. */
    private static String tag(final String text, final String where)
    {
        final String tag = text.toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches())
        {
            throw new IllegalArgumentException(where + " has a bad tag '" + text + "': a tag is 1 to 32 letters, digits and "
                + "underscores, starting with a letter or an underscore");
        }
        return tag;
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

    /** Adds one untagged transaction. */
    public void add(final long uuidMsb, final long uuidLsb, final long gno)
    {
        addRange(uuidMsb, uuidLsb, UNTAGGED, gno, gno + 1);
    }

    /** Adds one tagged transaction, its tag's bytes as a GTID_TAGGED event or the relay log holds them. */
    public void add(final long uuidMsb, final long uuidLsb, final DirectBuffer tag, final int tagOffset, final int tagLength,
        final long gno)
    {
        if (last != null && uuidMsb == lastMsb && uuidLsb == lastLsb && sameTag(lastTag, tag, tagOffset, tagLength))
        {
            last.add(gno, gno + 1);
            return;
        }
        addRange(uuidMsb, uuidLsb, tag(tag.getStringWithoutLengthAscii(tagOffset, tagLength), "a GTID"), gno, gno + 1);
    }

    private static boolean sameTag(final String tag, final DirectBuffer bytes, final int offset, final int length)
    {
        if (tag.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (tag.charAt(i) != bytes.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    public boolean contains(final UUID uuid, final long gno)
    {
        return contains(uuid, UNTAGGED, gno);
    }

    /** Whether the set holds {@code uuid:tag:gno}; the empty tag is untagged. */
    public boolean contains(final UUID uuid, final String tag, final long gno)
    {
        final Tags tags = byUuid.get(uuid);
        final Intervals intervals = tags == null ? null : tags.get(tag);
        return intervals != null && intervals.contains(gno);
    }

    /** Whether every transaction of {@code other} is in this set. */
    public boolean containsAll(final GtidSet other)
    {
        for (final Map.Entry<UUID, Tags> entry : other.byUuid.entrySet())
        {
            final Tags mine = byUuid.get(entry.getKey());
            for (final Map.Entry<String, Intervals> theirs : entry.getValue().byTag.entrySet())
            {
                final Intervals intervals = theirs.getValue();
                final Intervals held = mine == null ? null : mine.get(theirs.getKey());
                for (int i = 0; i < intervals.count; i++)
                {
                    if (held == null || !held.covers(intervals.starts[i], intervals.ends[i]))
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    public boolean isEmpty()
    {
        return byUuid.isEmpty();
    }

    /** Whether any transaction of the set has a tag: then the binary form is the tagged one. */
    public boolean hasTags()
    {
        for (final Tags tags : byUuid.values())
        {
            if (tags.byTag.size() > (tags.byTag.containsKey(UNTAGGED) ? 1 : 0))
            {
                return true;
            }
        }
        return false;
    }

    /** Adds another set. */
    public void addAll(final GtidSet other)
    {
        other.byUuid.forEach((uuid, tags) -> tags.byTag.forEach((tag, intervals) ->
        {
            for (int i = 0; i < intervals.count; i++)
            {
                addRange(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), tag, intervals.starts[i], intervals.ends[i]);
            }
        }));
    }

    /** Length of {@link #encode(ByteBuf)}'s output. */
    public int encodedLength()
    {
        final boolean tagged = hasTags();
        int length = Long.BYTES;
        for (final Tags tags : byUuid.values())
        {
            for (final Map.Entry<String, Intervals> entry : tags.byTag.entrySet())
            {
                length += UUID_LENGTH + (tagged ? 1 + entry.getKey().length() : 0) + Long.BYTES + entry.getValue().count * 2 * Long.BYTES;
            }
        }
        return length;
    }

    /** Writes the binary form for COM_BINLOG_DUMP_GTID: the tagged one when the set holds a tag, as MySQL does. */
    public void encode(final ByteBuf out)
    {
        final boolean tagged = hasTags();
        long pairs = 0;
        for (final Tags tags : byUuid.values())
        {
            pairs += tags.byTag.size();
        }
        out.writeLongLE(tagged ? TAGGED_FORMAT | pairs << 8 | (long)TAGGED_FORMAT << 56 : pairs);
        byUuid.forEach((uuid, tags) -> tags.byTag.forEach((tag, intervals) ->
        {
            out.writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
            if (tagged)
            {
                out.writeByte(tag.length() << 1); // a one-byte VarlenInteger: tags are at most 32 bytes
                out.writeCharSequence(tag, StandardCharsets.US_ASCII);
            }
            out.writeLongLE(intervals.count);
            for (int i = 0; i < intervals.count; i++)
            {
                out.writeLongLE(intervals.starts[i]).writeLongLE(intervals.ends[i]);
            }
        }));
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

    /** The text form, UUIDs in the order first added, each with its untagged numbers first and then its tags in order. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        byUuid.forEach((uuid, tags) ->
        {
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(uuid);
            tags.byTag.forEach((tag, intervals) ->
            {
                if (!tag.isEmpty())
                {
                    text.append(':').append(tag);
                }
                for (int i = 0; i < intervals.count; i++)
                {
                    text.append(':').append(intervals.starts[i]);
                    if (intervals.ends[i] - 1 != intervals.starts[i])
                    {
                        text.append('-').append(intervals.ends[i] - 1);
                    }
                }
            });
        });
        return text.toString();
    }

    /** Adds the untagged transactions {@code start} (inclusive) to {@code endExclusive} of one UUID. */
    public void addRange(final long msb, final long lsb, final long start, final long endExclusive)
    {
        addRange(msb, lsb, UNTAGGED, start, endExclusive);
    }

    /** Adds the transactions {@code start} (inclusive) to {@code endExclusive} of one UUID and tag (empty: untagged). */
    public void addRange(final long msb, final long lsb, final String tag, final long start, final long endExclusive)
    {
        if (last == null || msb != lastMsb || lsb != lastLsb || !tag.equals(lastTag))
        {
            final String key = tag.isEmpty() ? UNTAGGED : tag(tag, "a GTID");
            last = byUuid.computeIfAbsent(new UUID(msb, lsb), uuid -> new Tags()).byTag.computeIfAbsent(key, t -> new Intervals());
            lastMsb = msb;
            lastLsb = lsb;
            lastTag = key;
        }
        last.add(start, endExclusive);
    }

    /** The intervals of one UUID, by tag, the untagged ones (the empty tag) first. */
    private static final class Tags
    {
        private final TreeMap<String, Intervals> byTag = new TreeMap<>();

        Intervals get(final String tag)
        {
            return byTag.get(tag);
        }
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

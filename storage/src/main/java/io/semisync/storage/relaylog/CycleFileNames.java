package io.semisync.storage.relaylog;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.OptionalInt;

/**
 * The names of a relay log's cycle files, as Chronicle Queue gives them: the start of the cycle in UTC in the roll
 * cycle's format, plus {@code .cq4}; a compressed file adds {@code .zst} ({@link RelayLogCompression}).
 */
final class CycleFileNames
{
    private final RollCycle rollCycle;
    private final long epochMillis;
    private final DateTimeFormatter format;

    CycleFileNames(final RollCycle rollCycle, final long epochMillis)
    {
        this.rollCycle = rollCycle;
        this.epochMillis = epochMillis;
        this.format = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
    }

    static CycleFileNames of(final SingleChronicleQueue queue)
    {
        return new CycleFileNames(queue.rollCycle(), queue.epoch());
    }

    /** The name of the (uncompressed) file of {@code cycle}. */
    String name(final int cycle)
    {
        return format.format(Instant.ofEpochMilli(epochMillis + (long)cycle * rollCycle.lengthInMillis())) + SingleChronicleQueue.SUFFIX;
    }

    /** The name of the file holding {@code index}. */
    String nameOfIndex(final long index)
    {
        return name(rollCycle.toCycle(index));
    }

    /** The cycle a file name ({@code .cq4} or {@code .cq4.zst}) stands for; empty for any other file. */
    OptionalInt cycleOf(final String fileName)
    {
        final String name = RelayLogCompression.isCompressed(fileName) ? RelayLogCompression.uncompressedName(fileName) : fileName;
        if (!name.endsWith(SingleChronicleQueue.SUFFIX))
        {
            return OptionalInt.empty();
        }
        try
        {
            final TemporalAccessor parsed = format.parse(name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length()));
            final LocalTime time = parsed.query(TemporalQueries.localTime());
            final long millis = LocalDate.from(parsed).atTime(time == null ? LocalTime.MIDNIGHT : time).toInstant(ZoneOffset.UTC).toEpochMilli();
            final int cycle = (int)Math.floorDiv(millis - epochMillis, rollCycle.lengthInMillis());
            return name(cycle).equals(name) ? OptionalInt.of(cycle) : OptionalInt.empty();
        }
        catch (final DateTimeException ex)
        {
            return OptionalInt.empty();
        }
    }
}

package io.semisync.it.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The replica's per-transaction latency trace (CSV, {@code --latency-trace}), read back for assertions. */
final class LatencyTraceFile
{
    private final List<String> header;
    private final List<String[]> rows;

    private LatencyTraceFile(final List<String> header, final List<String[]> rows)
    {
        this.header = header;
        this.rows = rows;
    }

    static LatencyTraceFile read(final Path file)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file);
            return new LatencyTraceFile(List.of(lines.get(0).split(",")),
                lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading the latency trace " + file, ex);
        }
    }

    /** The transactions whose first bytes arrived within {@code [from, to]} (epoch microseconds). */
    Window firstByteWithin(final long[] range)
    {
        final int column = header.indexOf("first_byte_us");
        return new Window(rows.stream().filter(row ->
        {
            final long firstByte = Long.parseLong(row[column]);
            return firstByte >= range[0] && firstByte <= range[1];
        }).toList());
    }

    /** Some of the trace's transactions. */
    final class Window
    {
        private final List<String[]> selected;

        private Window(final List<String[]> selected)
        {
            this.selected = selected;
        }

        int size()
        {
            return selected.size();
        }

        /** Whether no selected transaction has a value in {@code column}. */
        boolean isEmpty(final String column)
        {
            final int index = header.indexOf(column);
            return selected.stream().allMatch(row -> row[index].isEmpty());
        }

        double median(final String column)
        {
            final int index = header.indexOf(column);
            if (index < 0)
            {
                throw new AssertionError("no column " + column + " in the trace's header " + header);
            }
            final double[] values = selected.stream().mapToDouble(row -> Double.parseDouble(row[index])).sorted().toArray();
            if (values.length == 0)
            {
                throw new AssertionError("no traced transaction to take the median of " + column + " from");
            }
            final int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        Map<String, Double> medians(final List<String> columns)
        {
            final Map<String, Double> medians = new LinkedHashMap<>();
            columns.forEach(column -> medians.put(column, median(column)));
            return medians;
        }

        @Override
        public String toString()
        {
            return selected.size() + " transactions, first " + (selected.isEmpty() ? "none" : Arrays.toString(selected.get(0)));
        }
    }
}

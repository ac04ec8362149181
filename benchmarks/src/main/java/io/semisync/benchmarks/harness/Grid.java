package io.semisync.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells under a header, rendered as aligned text for the terminal or as a Markdown table. */
final class Grid
{
    private final List<String> header;
    private final int leftAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param leftAligned  how many leading columns hold text (left-aligned); the rest hold figures */
    Grid(final int leftAligned, final String... header)
    {
        this.header = List.of(header);
        this.leftAligned = leftAligned;
    }

    void add(final String... cells)
    {
        if (cells.length != header.size())
        {
            throw new IllegalArgumentException("a row of " + cells.length + " cells under " + header.size() + " columns");
        }
        rows.add(List.of(cells));
    }

    boolean isEmpty()
    {
        return rows.isEmpty();
    }

    String text()
    {
        final int[] widths = new int[header.size()];
        for (final List<String> row : allRows())
        {
            for (int i = 0; i < row.size(); i++)
            {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        final StringBuilder text = new StringBuilder();
        for (final List<String> row : allRows())
        {
            for (int i = 0; i < row.size(); i++)
            {
                final String cell = row.get(i);
                final String padding = " ".repeat(widths[i] - cell.length());
                text.append(i == 0 ? "" : "  ").append(i < leftAligned ? cell + padding : padding + cell);
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    String markdown()
    {
        final StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++)
        {
            text.append(i < leftAligned ? "---|" : "---:|");
        }
        text.append('\n');
        rows.forEach(row -> text.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return text.toString();
    }

    private List<List<String>> allRows()
    {
        final List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}

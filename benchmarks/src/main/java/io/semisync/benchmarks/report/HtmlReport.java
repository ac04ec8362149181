package io.semisync.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's report as a directory: {@code index.html} with the result tables and one PNG per chart, commit-latency
 * CDFs and stacked breakdowns of where the time goes. Charts are added in the order the page shows them; nothing is
 * drawn before {@link #write}.
 */
public final class HtmlReport
{
    /** The page's file name in the report's directory. */
    public static final String INDEX = "index.html";

    static
    {
        // charts are drawn without a display, before any AWT class looks for one
        System.setProperty("java.awt.headless", "true");
    }

    private final String title;
    private final String tables;
    private final List<Figure> figures = new ArrayList<>();

    /** One chart: its caption and how it is drawn into a file. */
    private record Figure(String caption, String kind, Drawing drawing)
    {
    }

    @FunctionalInterface
    private interface Drawing
    {
        void draw(Path png);
    }

    /**
     * @param title   the page's heading
     * @param tables  the result tables as the terminal shows them, kept as preformatted text
     */
    public HtmlReport(final String title, final String tables)
    {
        this.title = title;
        this.tables = tables;
    }

    /** Adds a chart of commit-latency CDFs, one curve per configuration. */
    public HtmlReport cdf(final String caption, final List<LatencyCurve> curves)
    {
        figures.add(new Figure(caption, "cdf", png -> CdfChart.write(caption, curves, png)));
        return this;
    }

    /** Adds a stacked bar chart of each configuration's stages; without any split it adds nothing. */
    public HtmlReport stages(final String caption, final List<StageSplit> splits)
    {
        if (!splits.isEmpty())
        {
            figures.add(new Figure(caption, "stages", png -> StageChart.write(caption, splits, png)));
        }
        return this;
    }

    /** Draws every chart into {@code directory} (created if missing) and writes the page; returns the page's path. */
    public Path write(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}pre{font-size:12px}</style>\n</head>\n<body>\n<h1>")
                .append(escape(title)).append("</h1>\n");
            for (int i = 0; i < figures.size(); i++)
            {
                final Figure figure = figures.get(i);
                final String file = String.format("%s-%d.png", figure.kind(), i + 1);
                figure.drawing().draw(directory.resolve(file));
                html.append("<figure>\n<img src=\"").append(file).append("\" width=\"").append(Charts.WIDTH).append("\" height=\"")
                    .append(Charts.HEIGHT).append("\" alt=\"").append(escape(figure.caption())).append("\">\n<figcaption>")
                    .append(escape(figure.caption())).append("</figcaption>\n</figure>\n");
            }
            html.append("<h2>Results</h2>\n<pre>").append(escape(tables)).append("</pre>\n</body>\n</html>\n");
            final Path index = directory.resolve(INDEX);
            Files.writeString(index, html, StandardCharsets.UTF_8);
            return index;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the report into " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

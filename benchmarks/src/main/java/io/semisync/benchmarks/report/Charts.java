package io.semisync.benchmarks.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The size every chart of a report is drawn at, and how it is written: a PNG. */
final class Charts
{
    /** Pixels across. */
    static final int WIDTH = 900;
    /** Pixels down. */
    static final int HEIGHT = 500;

    private Charts()
    {
    }

    static void writePng(final Chart<?, ?> chart, final Path png)
    {
        try
        {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the chart " + png + ": " + ex.getMessage(), ex);
        }
    }
}

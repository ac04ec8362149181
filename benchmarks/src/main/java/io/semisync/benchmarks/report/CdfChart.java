package io.semisync.benchmarks.report;

import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Commit-latency CDFs, one curve per configuration: the share of commits (percent) at or below a latency (ms, on a
 * logarithmic axis, so the median and the tail both show).
 */
final class CdfChart
{
    /** Points per halving of the distance to 100%: finer towards the tail. */
    private static final int TICKS_PER_HALF_DISTANCE = 20;

    private CdfChart()
    {
    }

    static void write(final String title, final List<LatencyCurve> curves, final Path png)
    {
        final XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
            .xAxisTitle("commit latency (ms, log scale)").yAxisTitle("commits at or below (%)").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisMax(100.0).setLegendPosition(Styler.LegendPosition.InsideSE);
        for (final LatencyCurve curve : curves)
        {
            if (curve.nanos().getTotalCount() == 0)
            {
                continue;
            }
            final List<Double> millis = new ArrayList<>();
            final List<Double> percent = new ArrayList<>();
            for (final HistogramIterationValue value : curve.nanos().percentiles(TICKS_PER_HALF_DISTANCE))
            {
                millis.add(Math.max(1, value.getValueIteratedTo()) / 1e6);
                percent.add(value.getPercentileLevelIteratedTo());
            }
            final XYSeries series = chart.addSeries(curve.label(), millis, percent);
            series.setMarker(SeriesMarkers.NONE);
        }
        Charts.writePng(chart, png);
    }
}

package io.semisync.benchmarks.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the time goes: one stacked bar per configuration, one segment per stage (its median in microseconds), stages
 * in the order they follow each other. A stage a configuration does not have counts 0 there.
 */
final class StageChart
{
    private StageChart()
    {
    }

    static void write(final String title, final List<StageSplit> splits, final Path png)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
            .xAxisTitle("configuration").yAxisTitle("median per stage (us)").build();
        chart.getStyler().setStacked(true);
        final List<String> labels = splits.stream().map(StageSplit::label).toList();
        final Set<String> stages = new LinkedHashSet<>();
        splits.forEach(split -> stages.addAll(split.microsByStage().keySet()));
        for (final String stage : stages)
        {
            final List<Double> micros = new ArrayList<>();
            splits.forEach(split -> micros.add(split.microsByStage().getOrDefault(stage, 0.0)));
            chart.addSeries(stage, labels, micros);
        }
        Charts.writePng(chart, png);
    }
}

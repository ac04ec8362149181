package io.semisync.benchmarks.report;

import java.util.Map;

/**
 * Where one configuration's time goes: the median of each stage, in the order the stages follow each other.
 *
 * @param label          the configuration, as the chart's axis names it
 * @param microsByStage  each stage's median in microseconds, e.g. {@code sync -> 213.0}, in stage order
 */
public record StageSplit(String label, Map<String, Double> microsByStage)
{
}

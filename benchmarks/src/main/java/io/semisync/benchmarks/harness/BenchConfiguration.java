package io.semisync.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * What a point of {@code bench} measures against the user's source: our replica connected, with the source's semisync
 * on or off, and with or without an emulated ACK delay.
 *
 * @param code         e.g. {@code (1)}, as the tables and charts name it
 * @param description  e.g. {@code ours, semisync}
 * @param semisync     whether the source's semisync switch is on during the point
 * @param replicaArgs  options our replica runs with beyond the harness's own, e.g. {@code --ack-delay 2ms}
 */
record BenchConfiguration(String code, String description, boolean semisync, List<String> replicaArgs)
{
    /** The configurations a run measures, in table order: semisync off (with {@code --toggle-semisync}), on, on with each delay. */
    static List<BenchConfiguration> of(final BenchSettings settings)
    {
        final List<BenchConfiguration> configurations = new ArrayList<>();
        if (settings.toggleSemisync())
        {
            configurations.add(new BenchConfiguration("(0)", "ours, source semisync OFF (asynchronous)", false, List.of()));
        }
        configurations.add(new BenchConfiguration("(1)", "ours, semisync", true, List.of()));
        for (int i = 0; i < settings.ackDelays().size(); i++)
        {
            final String delay = settings.ackDelays().get(i);
            final List<String> args = new ArrayList<>(List.of("--ack-delay", delay));
            String description = "ours, semisync, ACK delayed " + delay;
            if (settings.ackDelayJitter() != null)
            {
                args.addAll(List.of("--ack-delay-jitter", settings.ackDelayJitter()));
                description += " +- " + settings.ackDelayJitter();
            }
            configurations.add(new BenchConfiguration("(1d" + (i + 1) + ")", description, true, List.copyOf(args)));
        }
        return List.copyOf(configurations);
    }

    /** E.g. {@code (1) ours, semisync}. */
    String label()
    {
        return code + " " + description;
    }

    /** For file names, e.g. {@code 1d2}. */
    String key()
    {
        return code.substring(1, code.length() - 1);
    }
}

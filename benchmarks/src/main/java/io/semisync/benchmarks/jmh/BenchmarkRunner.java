package io.semisync.benchmarks.jmh;

import io.semisync.benchmarks.JvmOptions;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with the production JVM flags appended to every fork; takes JMH's own command-line
 * arguments (a benchmark regex, {@code -prof gc}, {@code -p barrier=FSYNC}, ...).
 */
public final class BenchmarkRunner
{
    private BenchmarkRunner()
    {
    }

    public static void main(final String[] args) throws RunnerException, CommandLineOptionException
    {
        new Runner(new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .jvmArgsAppend(JvmOptions.load().toArray(String[]::new))
            .build()).run();
    }
}

package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench against a real MySQL 9.7 source that the test starts and then treats as the user's own: bench gets nothing
 * but its address and a login.
 */
class ExternalBenchmarkIT
{
    private static final String PASSWORD_VARIABLE = "BENCH_IT_PASSWORD";
    private static final Path OUTPUT = Path.of("target", "bench-it");
    /** A row of (1) in results.md whose no_tx delta, the column before the rounds, is 0: every commit was acknowledged. */
    private static final Pattern SEMISYNC_ROW_WITHOUT_NO_TX = Pattern.compile("\\| \\(1\\) ours, semisync \\| \\d+ \\|.* \\| 0 \\| 1 \\|\\n");
    private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\"");

    private static SourceServer source;

    @BeforeAll
    static void startSource()
    {
        source = SourceServers.start(Flavor.MYSQL);
    }

    @AfterAll
    static void stopSource()
    {
        if (source != null)
        {
            source.close();
        }
    }

    @Test
    void benchMeasuresTheSourceWithSemisyncOffAndOnThenLeavesItAsItWas() throws IOException
    {
        final Path report = OUTPUT.resolve("report");
        final Run run = bench("--scratch-schema", "bench_it", "--clients", "1,4", "--seconds", "1", "--rounds", "1", "--warmup-seconds", "1",
            "--toggle-semisync", "--work-dir", OUTPUT.resolve("work").toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
            .contains("scratch schema bench_it: created")
            .contains("commits/s vs (0)")
            .contains("Dropped the scratch schema bench_it")
            .contains("rpl_semi_sync_source_enabled is ON again");
        final String results = Files.readString(report.resolve("results.md"));
        for (final String row : List.of("| (0) ours, source semisync OFF (asynchronous) | 1 |", "| (0) ours, source semisync OFF (asynchronous) | 4 |",
            "| (1) ours, semisync | 1 |", "| (1) ours, semisync | 4 |"))
        {
            assertThat(results).contains(row);
        }
        assertThat(results).containsPattern(SEMISYNC_ROW_WITHOUT_NO_TX).contains("| sync |");
        assertThat(schemaExists("bench_it")).isFalse();
        assertThat(source.queryValue("SELECT @@global.rpl_semi_sync_source_enabled")).isEqualTo("1");

        final String html = Files.readString(report.resolve("index.html"));
        final List<String> images = IMAGE.matcher(html).results().map(result -> result.group(1)).toList();
        assertThat(images).containsExactly("cdf-1.png", "cdf-2.png", "stages-3.png");
        for (final String image : images)
        {
            final BufferedImage decoded = ImageIO.read(report.resolve(image).toFile());
            assertThat(decoded).as(image).isNotNull();
            assertThat(decoded.getWidth()).isEqualTo(900);
        }
    }

    @Test
    void benchRefusesToRunWithoutTheFlagThatNamesTheScratchSchema()
    {
        final Run run = bench("--clients", "1");

        assertThat(run.exitCode()).isEqualTo(ExternalBenchmark.REFUSED);
        assertThat(run.output()).contains("refusing to run without --scratch-schema NAME");
    }

    @Test
    void benchRefusesASchemaItDidNotCreateAndLeavesItsDataAlone()
    {
        source.execute("CREATE DATABASE app_data", "CREATE TABLE app_data.customers (id INT PRIMARY KEY)", "INSERT INTO app_data.customers VALUES (7)");
        try
        {
            final Run run = bench("--scratch-schema", "app_data", "--seconds", "1", "--rounds", "1");

            assertThat(run.exitCode()).isEqualTo(ExternalBenchmark.REFUSED);
            assertThat(run.output()).contains("refusing to use the schema app_data").contains("was not created by bench");
            assertThat(source.queryValue("SELECT id FROM app_data.customers")).isEqualTo("7");
        }
        finally
        {
            source.execute("DROP DATABASE app_data");
        }
    }

    @Test
    void ctrlCDuringALoadPutsTheSwitchBackAndDropsTheSchema() throws IOException, InterruptedException
    {
        final Path output = Files.createDirectories(OUTPUT).resolve("ctrl-c.out");
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-D" + HarnessSettings.REPLICA_JAR_PROPERTY + "=" + System.getProperty(HarnessSettings.REPLICA_JAR_PROPERTY),
            "-cp", System.getProperty("java.class.path"), ExternalBenchmark.class.getName()));
        command.addAll(benchArgs("--scratch-schema", "bench_ctrl_c", "--clients", "1", "--seconds", "60", "--rounds", "1",
            "--warmup-seconds", "1", "--toggle-semisync", "--work-dir", OUTPUT.resolve("work-ctrl-c").toString()));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put(PASSWORD_VARIABLE, source.admin().password());
        final Process bench = builder.start();
        try
        {
            // the first point is (0): the source's semisync switched off, the load running into the scratch schema
            awaitTrue(() -> schemaExists("bench_ctrl_c")
                && !source.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench_ctrl_c' AND TABLE_NAME = 'rows'").isEmpty()
                && "0".equals(source.queryValue("SELECT @@global.rpl_semi_sync_source_enabled"))
                && Long.parseLong(source.queryValue("SELECT COUNT(*) FROM bench_ctrl_c.rows")) > 0, bench, output);

            new ProcessBuilder("kill", "-INT", Long.toString(bench.pid())).inheritIO().start().waitFor();

            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
        }
        finally
        {
            bench.destroyForcibly();
        }
        assertThat(Files.readString(output)).contains("Dropped the scratch schema bench_ctrl_c");
        assertThat(schemaExists("bench_ctrl_c")).isFalse();
        assertThat(source.queryValue("SELECT @@global.rpl_semi_sync_source_enabled")).isEqualTo("1");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!DumpThreads.of(source).isEmpty())
        {
            assertThat(System.nanoTime()).as("our replica still connected: " + DumpThreads.of(source)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void benchMeasuresAMariadbSourceToo() throws IOException
    {
        try (SourceServer mariadb = SourceServers.start(Flavor.MARIADB))
        {
            final Path report = OUTPUT.resolve("report-mariadb");
            final Run run = bench(mariadb, "--scratch-schema", "bench_it", "--clients", "2", "--seconds", "1", "--rounds", "1",
                "--warmup-seconds", "1", "--ack-delay", "2ms", "--work-dir", OUTPUT.resolve("work-mariadb").toString(), "--report",
                report.toString());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("mariadb source").contains("Dropped the scratch schema bench_it");
            assertThat(Files.readString(report.resolve("results.md"))).containsPattern(SEMISYNC_ROW_WITHOUT_NO_TX).contains("(1d1)");
            assertThat(mariadb.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'bench_it'")).isEmpty();
        }
    }

    @Test
    void aSchemaLeftByAnEarlierRunIsTakenOverAndDroppedOnce()
    {
        final ScratchSchema first = ScratchSchema.claim(source, "bench_left");
        assertThat(first.leftByEarlierRun()).isFalse();

        final ScratchSchema again = ScratchSchema.claim(source, "bench_left");

        assertThat(again.leftByEarlierRun()).isTrue();
        assertThat(again.drop()).isTrue();
        assertThat(again.drop()).isFalse();
        assertThat(first.drop()).as("already gone").isFalse();
        assertThat(schemaExists("bench_left")).isFalse();
    }

    private static boolean schemaExists(final String name)
    {
        return !source.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'").isEmpty();
    }

    /** Waits up to 60 s for a condition on the source while bench runs; fails with bench's output if it exits or time runs out. */
    private static void awaitTrue(final BooleanSupplier condition, final Process bench, final Path output) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertThat(bench.isAlive()).as("bench exited early: " + Files.readString(output)).isTrue();
            assertThat(System.nanoTime()).as("bench did not get there in time: " + Files.readString(output)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Bench's arguments: the MySQL source's address with its administrator's login, the password through an environment variable. */
    private static List<String> benchArgs(final String... more)
    {
        return benchArgs(source, more);
    }

    private static List<String> benchArgs(final SourceServer server, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("--source", server.host() + ":" + server.port(), "--user", server.admin().name(),
            "--password-env", PASSWORD_VARIABLE));
        args.addAll(List.of(more));
        return args;
    }

    /** Runs bench in this JVM against the MySQL source. */
    private static Run bench(final String... more)
    {
        return bench(source, more);
    }

    private static Run bench(final SourceServer server, final String... more)
    {
        final List<String> args = benchArgs(server, more);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            exitCode = ExternalBenchmark.run(args, name -> PASSWORD_VARIABLE.equals(name) ? server.admin().password() : null, out);
        }
        final String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Run(exitCode, output);
    }

    private record Run(int exitCode, String output)
    {
    }
}

package io.semisync.storage.relaylog;

import io.semisync.storage.relaylog.TestRelayLogs.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves durability by killing a writer process with SIGKILL at random moments: every transaction it reported as
 * synced must be stored, in order, exactly once, with no partial transaction left visible.
 */
class RelayLogKillTest
{
    private static final int KILLS = 4;
    private static final long LINE_TIMEOUT_SECONDS = 20;

    @TempDir
    Path directory;

    @TempDir
    Path childLogs;

    @Test
    void everySyncedTransactionSurvivesKillMinus9() throws Exception
    {
        final Random random = new Random();
        final long seed = random.nextLong();
        final Map<Long, Long> synced = new LinkedHashMap<>();
        for (int kill = 0; kill < KILLS; kill++)
        {
            final boolean hang = kill == 1;
            final Process process = startAppender(hang ? "hang" : "run", seed + kill);
            final BlockingQueue<String> lines = readLines(process);
            try
            {
                final String ready = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(ready).as("child started (seed %d)", seed).startsWith("READY");
                if (hang)
                {
                    waitFor(lines, "HANGING", synced);
                }
                else
                {
                    Thread.sleep(150 + random.nextInt(600));
                }
            }
            finally
            {
                process.destroyForcibly();
                assertThat(process.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            }
            drain(lines, synced);
            assertStored(synced, seed);
        }
        assertThat(synced).as("the children synced something").isNotEmpty();
    }

    private void assertStored(final Map<Long, Long> synced, final long seed)
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            final List<StoredEvent> events = TestRelayLogs.readAll(relayLog);
            final Map<Long, Long> committed = new LinkedHashMap<>();
            long expectedTransaction = 1;
            int expectedSequence = 0;
            for (final StoredEvent event : events)
            {
                assertThat(event.transaction()).as("transaction order (seed %d)", seed).isEqualTo(expectedTransaction);
                assertThat(event.sequence()).as("event order in transaction %d", event.transaction())
                    .isEqualTo(expectedSequence);
                if (event.transactionEnd())
                {
                    committed.put(event.transaction(), event.index());
                    expectedTransaction++;
                    expectedSequence = 0;
                }
                else
                {
                    expectedSequence++;
                }
            }
            assertThat(expectedSequence).as("no partial transaction visible (seed %d)", seed).isZero();
            for (final Map.Entry<Long, Long> entry : synced.entrySet())
            {
                assertThat(committed).as("synced transaction %d (seed %d)", entry.getKey(), seed)
                    .containsEntry(entry.getKey(), entry.getValue());
            }
            assertThat(relayLog.recoveredPosition().endPosition() / 1000).isEqualTo(expectedTransaction - 1);
        }
    }

    private Process startAppender(final String mode, final long seed) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("storage.test.jvm.args", "").trim().split("\\s+")));
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KillTestAppender.class.getName());
        command.add(directory.toString());
        command.add(mode);
        command.add(Long.toString(seed));
        return new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(childLogs.resolve("child.err").toFile()))
            .start();
    }

    private static BlockingQueue<String> readLines(final Process process)
    {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignored)
            {
                // the child was killed: everything it printed before is already queued
            }
            lines.add("EOF");
        }, "kill-test-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void waitFor(final BlockingQueue<String> lines, final String expected, final Map<Long, Long> synced)
        throws InterruptedException
    {
        while (true)
        {
            final String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("waiting for %s", expected).isNotNull().isNotEqualTo("EOF");
            if (line.equals(expected))
            {
                return;
            }
            record(line, synced);
        }
    }

    private static void drain(final BlockingQueue<String> lines, final Map<Long, Long> synced)
        throws InterruptedException
    {
        while (true)
        {
            final String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("child stdout closes").isNotNull();
            if (line.equals("EOF"))
            {
                return;
            }
            record(line, synced);
        }
    }

    private static void record(final String line, final Map<Long, Long> synced)
    {
        if (line.startsWith("SYNCED "))
        {
            final String[] parts = line.split(" ");
            assertThat(synced.put(Long.parseLong(parts[1]), Long.parseLong(parts[2])))
                .as("transaction %s reported once", parts[1]).isNull();
        }
    }
}

package io.semisync.replica.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoggingTest
{
    @Test
    void linesOnStandardErrorFromInfoAndFromWarnForTheLibraries()
    {
        final LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        final ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);

        final String written = standardErrorOf(() ->
        {
            assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            context.start();
            context.getLogger("io.semisync.replica.Replica").info("streaming from {}", "127.0.0.1:3306");
            context.getLogger("io.semisync.replica.Replica").debug("not shown");
            context.getLogger("net.openhft.chronicle.queue.Queue").info("not shown either");
            context.getLogger("io.netty.channel.Channel").warn("shown");
            context.getLogger("org.apache.kafka.clients.Metadata").info("hidden");
        });

        assertThat(written.lines().toList()).hasSize(2);
        assertThat(written.lines().toList().get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Replica - streaming from 127\\.0\\.0\\.1:3306");
        assertThat(written.lines().toList().get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Channel - shown");
        context.stop();
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineWins()
    {
        final LoggerContext context = new LoggerContext();
        final ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/etc/semisync/logback.xml");
        try
        {
            assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        }
        finally
        {
            System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private static String standardErrorOf(final Runnable logging)
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            logging.run();
        }
        finally
        {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

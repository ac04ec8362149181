package io.semisync.replica.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.List;

/**
 * The replica's logging: one line per event on standard error, {@code HH:mm:ss.SSS LEVEL Logger - message}, from INFO,
 * and from WARN for the libraries' own loggers. Configured in code, which logback finds through
 * {@code META-INF/services} before it looks for a configuration file, so that a start parses no XML: logback's XML
 * configuration loaded about 660 classes, the JDK's XML parser among them, before the first log line. A file named by
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} or {@code logback.xml} on the class path, still
 * configures logging instead.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator
{
    /** The pattern of every line. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    /** Loggers of libraries that say only warnings and errors. */
    static final List<String> QUIET_LOGGERS = List.of("net.openhft", "io.netty", "org.apache.kafka");

    @Override
    public ExecutionStatus configure(final LoggerContext context)
    {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null || onClassPath(ClassicConstants.TEST_AUTOCONFIG_FILE)
            || onClassPath(ClassicConstants.AUTOCONFIG_FILE))
        {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        final ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        QUIET_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean onClassPath(final String resource)
    {
        return ConsoleLogging.class.getClassLoader().getResource(resource) != null;
    }
}

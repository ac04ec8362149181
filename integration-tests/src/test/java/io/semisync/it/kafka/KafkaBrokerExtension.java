package io.semisync.it.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Hands tests one real {@link KafkaBroker}, started at first use and shared by every test class of the run (topics
 * keep tests apart); it stops, by its PID, when the run ends.
 */
public final class KafkaBrokerExtension implements ParameterResolver
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KafkaBroker.class, key ->
        {
            try
            {
                return KafkaBroker.start(Files.createTempDirectory("kafka-broker-"));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, KafkaBroker.class);
    }
}

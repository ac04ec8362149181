package io.semisync.it;

import io.semisync.sources.Flavor;
import io.semisync.sources.MariadbRelease;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands tests real MySQL and MariaDB sources ({@link SourceServers}). Shared sources start once per test
 * run and stop when the run ends; dedicated ones stop after their test. A source that cannot start fails
 * the test with the reason; integration tests are never skipped.
 */
public final class SourceServerExtension implements ParameterResolver, BeforeAllCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SourceServerExtension.class);
    private static final Map<SharedKey, SharedSource> SHARED = new HashMap<>();

    /** The run-wide source of a flavor (MariaDB 10.11 for {@link Flavor#MARIADB}), started on first use. */
    public static SourceServer shared(final Flavor flavor)
    {
        return shared(flavor, MariadbRelease.V10_11);
    }

    /** The run-wide source of a flavor, a MariaDB one of {@code release}, started on first use. */
    public static synchronized SourceServer shared(final Flavor flavor, final MariadbRelease release)
    {
        return SHARED.computeIfAbsent(new SharedKey(flavor, release),
            key -> new SharedSource(flavor, SourceOptions.defaults().withMariadbRelease(release))).get();
    }

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
            "shared-sources", key -> (AutoCloseable) SourceServerExtension::closeShared);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return parameter.getParameter().getType() == SourceServer.class && parameter.isAnnotated(Source.class);
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        final Source source = parameter.findAnnotation(Source.class).orElseThrow();
        if (!source.dedicated())
        {
            return shared(source.value(), source.mariadb());
        }
        final SourceServer server = SourceServers.start(source.value(), SourceOptions.defaults().withMariadbRelease(source.mariadb()));
        context.getStore(NAMESPACE).put(
            "dedicated-" + parameter.getIndex(), (AutoCloseable) server::close);
        return server;
    }

    private static synchronized void closeShared()
    {
        SHARED.values().forEach(SharedSource::close);
        SHARED.clear();
    }

    private record SharedKey(Flavor flavor, MariadbRelease release)
    {
    }

    /** A shared source, or why it could not start, so a broken install fails every test with the same reason. */
    private static final class SharedSource
    {
        private SourceServer server;
        private RuntimeException failure;

        SharedSource(final Flavor flavor, final SourceOptions options)
        {
            try
            {
                server = SourceServers.start(flavor, options);
                System.out.println("[sources] started " + server);
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }

        SourceServer get()
        {
            if (failure != null)
            {
                throw new IllegalStateException("the source could not be started: " + failure.getMessage(), failure);
            }
            return server;
        }

        void close()
        {
            if (server != null)
            {
                server.close();
            }
        }
    }
}

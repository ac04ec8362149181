package io.semisync.replica.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.semisync.replica.Replica;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The replica's metrics in Prometheus's text format over HTTP, at {@code http://HOST:PORT/metrics}, on
 * {@code --metrics-bind-address}:{@code --metrics-port}; off unless a metrics port is configured.
 */
public final class MetricsEndpoint implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HTTPServer server;
    private final String host;

    private MetricsEndpoint(final HTTPServer server, final String host)
    {
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving {@code replica}'s metrics.
     *
     * @return empty when no metrics port is configured
     * @throws ConfigException when the address cannot be bound
     */
    public static Optional<MetricsEndpoint> start(final Replica replica)
    {
        final ReplicaConfig config = replica.config();
        final Integer port = config.get(Settings.METRICS_PORT);
        if (port == null)
        {
            return Optional.empty();
        }
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ReplicaMetrics(replica));
        registry.register(new KafkaSinkMetrics(config.get(Settings.DATA_DIR), Clock.systemUTC()));
        final String host = config.get(Settings.METRICS_BIND_ADDRESS);
        try
        {
            final HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
            LOG.info("metrics endpoint listening on http://{}:{}/metrics", host, server.getPort());
            return Optional.of(new MetricsEndpoint(server, host));
        }
        catch (final IOException ex)
        {
            throw new ConfigException("the metrics endpoint cannot listen on " + host + ":" + port + ": " + ex.getMessage() + " (set "
                + Settings.METRICS_PORT.flag() + " or " + Settings.METRICS_BIND_ADDRESS.flag() + ")");
        }
    }

    /** Where to scrape. */
    public String url()
    {
        return "http://" + host + ":" + server.getPort() + "/metrics";
    }

    @Override
    public void close()
    {
        server.close();
    }
}

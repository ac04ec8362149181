package io.semisync.replica.cli;

import io.semisync.replica.Replica;
import io.semisync.replica.admin.AdminListener;
import io.semisync.replica.serve.ServeListener;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import io.semisync.replica.metrics.MetricsEndpoint;
import io.semisync.storage.RelayLogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/** {@code semisync-replica run}: replicate until stopped (SIGTERM or Ctrl-C), then print the ACK latency. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Replicate from the source into the relay log.",
    modelTransformer = SettingOptions.AddToCommand.class, sortOptions = false)
final class RunCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    /** Exit code when the relay log's final sync at shutdown failed: what was stored since the last ACK may be lost. */
    static final int FINAL_SYNC_FAILED = 3;

    @Option(names = "--config", description = "Properties file with any of these options (keys without the leading dashes); flags win.")
    Path config;

    @Override
    public Integer call() throws InterruptedException
    {
        final Replica replica;
        final ReplicaConfig replicaConfig;
        try
        {
            replicaConfig = SettingOptions.RUN.read(spec.commandLine().getParseResult(), config);
            replica = Replica.start(replicaConfig);
        }
        catch (final ConfigException | RelayLogException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return 2;
        }
        Optional<AdminListener> started = Optional.empty();
        final Optional<MetricsEndpoint> metrics;
        Optional<ServeListener> serving = Optional.empty();
        try
        {
            started = AdminListener.start(replica, Clock.systemDefaultZone());
            serving = ServeListener.start(replica);
            metrics = MetricsEndpoint.start(replica);
        }
        catch (final ConfigException ex)
        {
            serving.ifPresent(ServeListener::close);
            started.ifPresent(AdminListener::close);
            replica.close();
            System.err.println("semisync-replica: " + ex.getMessage());
            return 2;
        }
        final Optional<AdminListener> admin = started;
        final Optional<ServeListener> serve = serving;
        serve.ifPresent(listener -> System.out.println("semisync-replica replication endpoint " + listener.localAddress().getHostString()
            + ":" + listener.localAddress().getPort()));
        metrics.ifPresent(endpoint -> System.out.println("semisync-replica metrics " + endpoint.url()));
        admin.ifPresent(listener -> System.out.println("semisync-replica admin endpoint " + listener.localAddress().getHostString() + ":"
            + listener.localAddress().getPort() + " (mysql -h " + listener.localAddress().getHostString() + " -P "
            + listener.localAddress().getPort() + " -u " + replicaConfig.adminUsers().get(0).name() + " -p)"));
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread shutdown = new Thread(() ->
        {
            metrics.ifPresent(MetricsEndpoint::close);
            serve.ifPresent(ServeListener::close);
            admin.ifPresent(AdminListener::close);
            boolean synced = true;
            try
            {
                replica.close();
            }
            catch (final RelayLogException ex)
            {
                synced = false;
                System.err.println("semisync-replica: " + ex.getMessage());
            }
            System.out.println("final status: " + replica.status().summary());
            replica.ackLatency().print(System.out);
            System.out.flush();
            System.err.flush();
            stopped.countDown();
            if (!synced)
            {
                Runtime.getRuntime().halt(FINAL_SYNC_FAILED);
            }
        }, "semisync-replica-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        System.out.println("semisync-replica " + replica.status().summary());
        final long statusIntervalSeconds = replicaConfig.get(Settings.STATUS_INTERVAL);
        while (!replica.terminated().isDone())
        {
            Thread.sleep(statusIntervalSeconds > 0 ? statusIntervalSeconds * 1000 : 1000);
            if (statusIntervalSeconds > 0)
            {
                final String stages = replica.ackLatency().medians();
                System.out.println("status: " + replica.status().summary() + (stages.isEmpty() ? "" : "; " + stages));
            }
        }
        try
        {
            replica.terminated().join();
            return 0;
        }
        catch (final CompletionException ex)
        {
            System.err.println("semisync-replica: " + ex.getCause().getMessage());
            return 1;
        }
    }
}

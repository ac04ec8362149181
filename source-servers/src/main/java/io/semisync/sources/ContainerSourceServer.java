package io.semisync.sources;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A source in a container of the official image, for machines with a Docker engine. The container's port
 * is bound to a fixed loopback port so that {@link #kill()} and {@link #restart()} keep the address.
 */
final class ContainerSourceServer extends ManagedSourceServer
{
    private static final int SERVER_PORT = 3306;

    private final GenericContainer<?> container;

    private ContainerSourceServer(final Flavor flavor, final String image, final SourceOptions options, final TlsFiles tls)
    {
        this(flavor, image, options, tls, freeLoopbackPort());
    }

    private ContainerSourceServer(final Flavor flavor, final String image, final SourceOptions options, final TlsFiles tls, final int port)
    {
        super(flavor, options, tls, "127.0.0.1", port);
        this.container = new GenericContainer<>(DockerImageName.parse(image))
            .withEnv("MYSQL_ROOT_PASSWORD", "root-secret")
            .withCommand(serverArguments(flavor, options))
            .withStartupTimeout(Duration.ofMinutes(3))
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(SERVER_PORT))));
        for (final String name : TlsFiles.SERVER_FILES)
        {
            container.withCopyFileToContainer(MountableFile.forHostPath(tls.ca().resolveSibling(name), 0644), "/etc/semisync-tls/" + name);
        }
        container.withCopyToContainer(
            Transferable.of(TestUsers.setupStatements(flavor).stream()
                .map(s -> s + ";").collect(Collectors.joining("\n"))),
            "/docker-entrypoint-initdb.d/users.sql");
    }

    /** Whether a Docker engine answers here. */
    static boolean dockerAvailable()
    {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerSourceServer start(final Flavor flavor, final String image, final SourceOptions options, final TlsFiles tls)
    {
        final ContainerSourceServer server = new ContainerSourceServer(flavor, image, options, tls);
        server.container.start();
        server.awaitReady();
        return server;
    }

    private static String[] serverArguments(final Flavor flavor, final SourceOptions options)
    {
        final List<String> args = new ArrayList<>(List.of(
            "--server-id=" + options.serverId(),
            "--log-bin=binlog",
            "--binlog-format=ROW",
            "--sync-binlog=1",
            "--skip-name-resolve",
            "--max-allowed-packet=64M",
            "--ssl-ca=/etc/semisync-tls/ca.pem",
            "--ssl-cert=/etc/semisync-tls/server-cert.pem",
            "--ssl-key=/etc/semisync-tls/server-key.pem"));
        if (flavor == Flavor.MYSQL)
        {
            args.addAll(List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--plugin-load-add=semisync_source.so",
                "--rpl-semi-sync-source-enabled=" + (options.semisyncEnabled() ? "ON" : "OFF"),
                "--rpl-semi-sync-source-timeout=" + options.semisyncTimeoutMillis(),
                "--rpl-semi-sync-source-wait-no-replica=OFF"));
        }
        else
        {
            args.addAll(List.of("--gtid-strict-mode=ON",
                "--rpl-semi-sync-master-enabled=" + (options.semisyncEnabled() ? "ON" : "OFF"),
                "--rpl-semi-sync-master-timeout=" + options.semisyncTimeoutMillis(),
                "--rpl-semi-sync-master-wait-point=AFTER_SYNC",
                "--rpl-semi-sync-master-wait-no-slave=OFF"));
        }
        return args.toArray(String[]::new);
    }

    private void awaitReady()
    {
        final long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true)
        {
            try
            {
                readVersion();
                return;
            }
            catch (final SourceServerException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new SourceServerException(this + " did not accept connections: " + ex.getMessage()
                        + " container log: " + container.getLogs(), ex);
                }
                try
                {
                    Thread.sleep(200);
                }
                catch (final InterruptedException interrupted)
                {
                    Thread.currentThread().interrupt();
                    throw new SourceServerException("interrupted while waiting for " + this, interrupted);
                }
            }
        }
    }

    @Override
    public void stop()
    {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(60).exec();
    }

    @Override
    public void kill()
    {
        container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void restart()
    {
        container.getDockerClient().restartContainerCmd(container.getContainerId()).withTimeout(60).exec();
        awaitReady();
    }

    @Override
    public void close()
    {
        container.stop();
    }

    @Override
    public String toString()
    {
        return super.toString() + " in a container of " + container.getDockerImageName();
    }
}

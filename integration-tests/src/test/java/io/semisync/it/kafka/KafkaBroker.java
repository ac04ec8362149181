package io.semisync.it.kafka;

import io.semisync.it.replica.Waits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), from the official Apache
 * Kafka artifacts on the test classpath, in a JVM of its own ({@code kafka.Kafka server.properties}) bound to
 * 127.0.0.1 on free ports, with its own log directory formatted by {@code kafka.tools.StorageTool}. Tests stop it
 * (SIGTERM or SIGKILL, by its PID) and start it again on the same ports and data.
 */
public final class KafkaBroker implements AutoCloseable
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String HEAP = "-Xmx256m";

    private final Path directory;
    private final Path properties;
    private final int port;
    private Process process;

    private KafkaBroker(final Path directory, final Path properties, final int port)
    {
        this.directory = directory;
        this.properties = properties;
        this.port = port;
    }

    /** Writes the configuration, formats the log directory and starts the broker; returns once it answers. */
    public static KafkaBroker start(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final int port = freePort();
            final int controllerPort = freePort();
            final Path properties = directory.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "log.cleaner.threads=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "") , StandardCharsets.UTF_8);
            final Process format = java(directory, "format", "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString());
            if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0)
            {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka log directory failed: " + tail(directory.resolve("format.log")));
            }
            final KafkaBroker broker = new KafkaBroker(directory, properties, port);
            broker.start();
            return broker;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Starts the broker process (again) on its ports and data, and waits until it answers. */
    public synchronized void start()
    {
        if (process != null && process.isAlive())
        {
            throw new IllegalStateException("the broker (pid " + process.pid() + ") runs already");
        }
        process = java(directory, "broker", "kafka.Kafka", properties.toString());
        try (Admin admin = admin())
        {
            Waits.until("Kafka broker on 127.0.0.1:" + port, START_TIMEOUT, () ->
            {
                if (!process.isAlive())
                {
                    throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ": " + tail(directory.resolve("broker.log")));
                }
                try
                {
                    return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                }
                catch (final Exception notYet)
                {
                    return false;
                }
            }, () -> tail(directory.resolve("broker.log")));
        }
        System.out.println("[kafka] broker pid " + process.pid() + " on " + bootstrap());
    }

    /** SIGKILL, by the broker's PID, and waits until it is gone. */
    public synchronized void kill()
    {
        stop(true);
    }

    /** SIGTERM, by the broker's PID (a controlled shutdown), and waits until it is gone. */
    public synchronized void stop()
    {
        stop(false);
    }

    private void stop(final boolean forcibly)
    {
        if (process == null || !process.isAlive())
        {
            return;
        }
        final ProcessHandle handle = process.toHandle();
        if (forcibly)
        {
            handle.destroyForcibly();
        }
        else
        {
            handle.destroy();
        }
        try
        {
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                handle.destroyForcibly();
                process.waitFor();
            }
        }
        catch (final InterruptedException ex)
        {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrap()
    {
        return "127.0.0.1:" + port;
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin()
    {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Stops the broker and deletes its directory. */
    @Override
    public void close()
    {
        stop();
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory, ex);
        }
    }

    @Override
    public String toString()
    {
        return "Kafka broker " + bootstrap() + " in " + directory;
    }

    private static Process java(final Path directory, final String logName, final String mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        try
        {
            final Path log = directory.resolve(logName + ".log");
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + mainClass, ex);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static String tail(final Path log)
    {
        try
        {
            final String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no " + log + ")";
            return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
        }
        catch (final IOException ex)
        {
            return "(cannot read " + log + ": " + ex.getMessage() + ")";
        }
    }
}

package io.semisync.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A source server process started on this machine from a local install, on a free loopback port with its
 * own data directory. Subclasses say how their flavor is configured, initialised and launched.
 */
abstract class LocalSourceServer extends ManagedSourceServer
{
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final Set<LocalSourceServer> RUNNING = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(LocalSourceServer::kill), "source-servers-cleanup"));
    }

    private final TlsFiles tls;
    private final ServerRoot root;
    private final Path instanceDir;
    private Process process;

    LocalSourceServer(final Flavor flavor, final SourceOptions options, final TlsFiles tls, final ServerRoot root)
    {
        super(flavor, options, tls, "127.0.0.1", freeLoopbackPort());
        this.tls = tls;
        this.root = root;
        final Path instanceParent = root.instanceParent();
        try
        {
            Files.createDirectories(instanceParent);
            this.instanceDir = Files.createTempDirectory(instanceParent, flavor + "-" + port() + "-");
        }
        catch (final IOException ex)
        {
            throw new SourceServerException("cannot create a data directory under " + instanceParent + ": " + ex.getMessage(), ex);
        }
    }

    /** The my.cnf lines of this flavor, below the {@code [mysqld]} group header. */
    abstract List<String> flavorConfig(SourceOptions options);

    /** The command that creates an empty data directory from the config file. */
    abstract List<String> initializeCommand(String configFile);

    /** The command that runs the server in the foreground from the config file. */
    abstract List<String> startCommand(String configFile, String initFile);

    /** The file system the server runs in, which also runs its programs. */
    final ServerRoot root()
    {
        return root;
    }

    private String serverPath(final Path path)
    {
        return root.serverPath(path);
    }

    final void start()
    {
        try
        {
            final Path dataDir = instanceDir.resolve("data");
            if (!Files.exists(dataDir))
            {
                writeFiles();
                run(initializeCommand(serverPath(instanceDir.resolve("my.cnf"))), "initialize");
            }
            final ProcessBuilder builder = new ProcessBuilder(
                startCommand(serverPath(instanceDir.resolve("my.cnf")), serverPath(instanceDir.resolve("init.sql"))))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(instanceDir.resolve("server.out").toFile()));
            process = builder.start();
            RUNNING.add(this);
            awaitReady();
        }
        catch (final IOException ex)
        {
            throw new SourceServerException("cannot start " + this + ": " + ex.getMessage(), ex);
        }
    }

    private void writeFiles() throws IOException
    {
        final String tlsDir = root.serverTlsDir(instanceDir, tls);
        Files.createDirectories(instanceDir.resolve("tmp"));
        final StringBuilder config = new StringBuilder("[mysqld]\n");
        Stream.concat(
            Stream.of(
                "user=root",
                "port=" + port(),
                "bind-address=127.0.0.1",
                "datadir=" + serverPath(instanceDir.resolve("data")),
                "socket=" + serverPath(instanceDir.resolve("server.sock")),
                "pid-file=" + serverPath(instanceDir.resolve("server.pid")),
                "tmpdir=" + serverPath(instanceDir.resolve("tmp")),
                "log-error=" + serverPath(instanceDir.resolve("error.log")),
                "server-id=" + serverId(),
                "log-bin=binlog",
                "binlog-format=ROW",
                "sync-binlog=1",
                "innodb-flush-log-at-trx-commit=1",
                "innodb-buffer-pool-size=64M",
                "max-allowed-packet=64M",
                "skip-name-resolve",
                "ssl-ca=" + tlsDir + "/ca.pem",
                "ssl-cert=" + tlsDir + "/server-cert.pem",
                "ssl-key=" + tlsDir + "/server-key.pem"),
            flavorConfig(options()).stream())
            .forEach(line -> config.append(line).append('\n'));
        Files.writeString(instanceDir.resolve("my.cnf"), config);
        Files.write(instanceDir.resolve("init.sql"), TestUsers.setupStatements(flavor()).stream().map(s -> s + ";").toList());
    }

    private void run(final List<String> command, final String what) throws IOException
    {
        final Path output = instanceDir.resolve(what + ".out");
        final Process step = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try
        {
            if (!step.waitFor(120, TimeUnit.SECONDS))
            {
                step.destroyForcibly();
                throw new SourceServerException(what + " of " + this + " did not finish in 120 s: " + tail(output));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            step.destroyForcibly();
            throw new SourceServerException("interrupted during " + what + " of " + this, ex);
        }
        if (step.exitValue() != 0)
        {
            throw new SourceServerException(what + " of " + this + " failed with exit code " + step.exitValue() + ": "
                + tail(output) + " " + tail(instanceDir.resolve("error.log")));
        }
    }

    private void awaitReady()
    {
        final long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        SourceServerException last = null;
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                RUNNING.remove(this);
                throw new SourceServerException(this + " exited with code " + process.exitValue() + " while starting: "
                    + tail(instanceDir.resolve("error.log")) + " " + tail(instanceDir.resolve("server.out")));
            }
            try
            {
                readVersion();
                return;
            }
            catch (final SourceServerException ex)
            {
                last = ex;
                sleepMillis(100);
            }
        }
        kill();
        throw new SourceServerException(this + " did not accept connections within 120 s: "
            + (last == null ? "" : last.getMessage()) + " " + tail(instanceDir.resolve("error.log")), last);
    }

    @Override
    public synchronized OptionalLong processId()
    {
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    @Override
    public synchronized void stop()
    {
        if (process != null && process.isAlive())
        {
            process.destroy();
            awaitExit(60);
        }
        RUNNING.remove(this);
    }

    @Override
    public synchronized void kill()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
            awaitExit(30);
        }
        RUNNING.remove(this);
    }

    @Override
    public synchronized void restart()
    {
        stop();
        start();
    }

    @Override
    public synchronized void close()
    {
        kill();
        deleteRecursively(instanceDir);
    }

    @Override
    public String toString()
    {
        return super.toString() + " (" + instanceDir + ")";
    }

    private void awaitExit(final int seconds)
    {
        try
        {
            if (!process.waitFor(seconds, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String tail(final Path file)
    {
        try
        {
            if (!Files.exists(file))
            {
                return "";
            }
            final List<String> lines = Files.readAllLines(file);
            return "[" + file.getFileName() + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size())) + "]";
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "[" + file + " unreadable: " + ex.getMessage() + "]";
        }
    }

    private static void sleepMillis(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new SourceServerException("interrupted while waiting for a source to start", ex);
        }
    }

    private static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new SourceServerException("cannot remove " + dir + ": " + ex.getMessage(), ex);
        }
    }
}

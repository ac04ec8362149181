package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The flavor's own binlog client downloading the source's binlog files as they are: MySQL 9.7's
 * {@code mysqlbinlog --read-from-remote-server --raw --to-last-log} (run in the MySQL chroot) or MariaDB's
 * {@code mariadb-binlog} with the same options, as the replication user, without TLS like our replica, into an empty
 * directory on the same disk as our relay log. Then {@code sync} of the files and their directory makes them as
 * durable as our relay log; both times are reported. The download is checked against the source's file sizes.
 */
final class RawBinlogDownload
{
    /** {@code MYSQL_PWD}: how both clients take a password without a command-line argument. */
    private static final String PASSWORD_VARIABLE = "MYSQL_PWD";
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-binlog-clients"));
    }

    /**
     * How long it took.
     *
     * @param downloadSeconds  the client process, from its start to its exit
     * @param syncSeconds      the {@code sync} of the downloaded files afterwards
     * @param cpuSeconds       CPU the client process spent (children's time of this JVM, {@code /proc/self/stat})
     */
    record Times(double downloadSeconds, double syncSeconds, double cpuSeconds)
    {
        double seconds()
        {
            return downloadSeconds + syncSeconds;
        }
    }

    private RawBinlogDownload()
    {
    }

    /** The client's name as the tables show it. */
    static String client(final Flavor flavor)
    {
        return flavor == Flavor.MYSQL ? "mysqlbinlog" : "mariadb-binlog";
    }

    static Times run(final CatchUpSettings settings, final SourceServer source, final SourceBinlogs binlogs, final String logName,
        final Duration timeout)
    {
        OurCatchUp.awaitNoDumpThread(source);
        final boolean mysql = source.flavor() == Flavor.MYSQL;
        final Path directory = mysql
            ? settings.mysqlRoot().resolve(CatchUpSettings.MYSQL_DOWNLOAD_DIRECTORY.substring(1))
            : CatchUpSettings.WORK_DIRECTORY.resolve("raw");
        final String clientDirectory = mysql ? CatchUpSettings.MYSQL_DOWNLOAD_DIRECTORY : directory.toAbsolutePath().toString();
        final List<String> command = new ArrayList<>();
        if (mysql)
        {
            command.addAll(List.of("chroot", settings.mysqlRoot().toString(), CatchUpSettings.MYSQLBINLOG, "--ssl-mode=DISABLED",
                "--get-server-public-key"));
        }
        else
        {
            command.addAll(List.of(CatchUpSettings.MARIADB_BINLOG.toString(), "--skip-ssl"));
        }
        command.addAll(List.of("--read-from-remote-server", "--host=" + source.host(), "--port=" + source.port(),
            "--user=" + source.replicationUser().name(), "--raw", "--result-file=" + clientDirectory + "/", "--to-last-log",
            binlogs.oldest().name()));
        Directories.deleteRecursively(directory);
        try
        {
            Files.createDirectories(directory);
            final long childrenTicks = CpuSnapshot.childrenTicks();
            final long started = System.nanoTime();
            run(command, logName, timeout, source.replicationUser().password());
            final long downloaded = System.nanoTime();
            final double cpuSeconds = (CpuSnapshot.childrenTicks() - childrenTicks) / CpuSnapshot.TICKS_PER_SECOND;
            final List<String> sync = new ArrayList<>(List.of("sync", directory.toString()));
            binlogs.files().forEach(file -> sync.add(directory.resolve(file.name()).toString()));
            run(sync, logName + "-sync", timeout, null);
            final long synced = System.nanoTime();
            check(directory, binlogs);
            return new Times((downloaded - started) / 1e9, (synced - downloaded) / 1e9, cpuSeconds);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prepare " + directory, ex);
        }
        finally
        {
            Directories.deleteRecursively(directory);
        }
    }

    private static void run(final List<String> command, final String logName, final Duration timeout, final String password)
        throws IOException
    {
        final Path output = CatchUpSettings.WORK_DIRECTORY.resolve(logName + ".out");
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (password != null)
        {
            builder.environment().put(PASSWORD_VARIABLE, password);
        }
        final Process process = builder.start();
        LIVE.add(process);
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), ex);
        }
        finally
        {
            LIVE.remove(process);
        }
        if (process.exitValue() != 0)
        {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ": "
                + Files.readString(output));
        }
    }

    private static void check(final Path directory, final SourceBinlogs binlogs) throws IOException
    {
        for (final SourceBinlogs.File file : binlogs.files())
        {
            final Path downloaded = directory.resolve(file.name());
            if (!Files.exists(downloaded) || Files.size(downloaded) < file.bytes())
            {
                throw new IllegalStateException("the binlog client downloaded " + (Files.exists(downloaded) ? Files.size(downloaded) : 0)
                    + " bytes of " + file + " into " + directory);
            }
        }
    }
}

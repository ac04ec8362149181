package io.semisync.it.admin;

import io.semisync.sources.CommandLineClients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real command-line client, MySQL 9.7's {@code mysql} (in its chroot) or MariaDB's {@code mariadb}, logged in to an
 * admin endpoint and run in batch mode ({@code -B -e "statements"}), as a DBA's script runs it.
 */
final class CommandLineClient
{
    private static final long TIMEOUT_SECONDS = 60;

    private final String name;
    private final List<String> command;

    private CommandLineClient(final String name, final List<String> command)
    {
        this.name = name;
        this.command = command;
    }

    /**
     * The mysql 9.7 client as {@code user}; without TLS options it asks for the server's RSA key, which
     * caching_sha2_password needs without TLS.
     */
    static CommandLineClient mysql(final InetSocketAddress address, final String user, final String password, final String... options)
    {
        final List<String> command = new ArrayList<>(CommandLineClients.mysql());
        command.addAll(login(address, user, password));
        command.addAll(options.length == 0 ? List.of("--get-server-public-key") : List.of(options));
        return new CommandLineClient("mysql", command);
    }

    /** The mariadb client as {@code user}. */
    static CommandLineClient mariadb(final InetSocketAddress address, final String user, final String password, final String... options)
    {
        final List<String> command = new ArrayList<>(CommandLineClients.mariadb());
        command.addAll(login(address, user, password));
        command.addAll(List.of(options));
        return new CommandLineClient("mariadb", command);
    }

    private static List<String> login(final InetSocketAddress address, final String user, final String password)
    {
        return List.of("-h", address.getHostString(), "-P", Integer.toString(address.getPort()), "-u", user, "--password=" + password,
            "-B");
    }

    /**
     * Copies a file where the mysql client, inside its chroot, can read it, until closed.
     *
     * @return the copy, named as the client sees it
     */
    static VisibleFile visibleToMysql(final Path file)
    {
        try
        {
            final Path parent = Files.createDirectories(CommandLineClients.mysqlRoot().resolve("srv").resolve("semisync"));
            final Path directory = Files.createTempDirectory(parent, "admin-it-");
            final Path copy = Files.copy(file, directory.resolve(file.getFileName()));
            return new VisibleFile(copy, "/" + CommandLineClients.mysqlRoot().relativize(copy));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A file copied into the mysql client's chroot.
     *
     * @param copy       where it is on this machine
     * @param clientPath its path as the client sees it
     */
    record VisibleFile(Path copy, String clientPath) implements AutoCloseable
    {
        @Override
        public void close() throws IOException
        {
            Files.delete(copy);
            Files.delete(copy.getParent());
        }
    }

    /** Runs the statements ({@code ;}-separated, as a script) and returns what the client printed. */
    ClientRun run(final String statements)
    {
        final List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-e", statements));
        try
        {
            final Path out = Files.createTempFile("client", ".out");
            final Path err = Files.createTempFile("client", ".err");
            try
            {
                final Process process = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    throw new AssertionError(name + " did not finish " + statements + " within " + TIMEOUT_SECONDS + " s");
                }
                return new ClientRun(name + " -e " + statements, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            }
            finally
            {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + full, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}

package io.semisync.it.admin;

import io.semisync.it.server.ClientRun;
import io.semisync.sources.ClientPrograms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A real command-line client, MySQL 9.7's {@code mysql} (in its chroot) or MariaDB's {@code mariadb}, logged in to an
 * admin endpoint and run in batch mode ({@code -B -e "statements"}), as a DBA's script runs it.
 */
final class CommandLineClient
{
    private final String name;
    private final Function<String[], List<String>> program;
    private final List<String> arguments;

    private CommandLineClient(final String name, final Function<String[], List<String>> program, final List<String> arguments)
    {
        this.name = name;
        this.program = program;
        this.arguments = arguments;
    }

    /**
     * The mysql 9.7 client as {@code user}; without TLS options it asks for the server's RSA key, which
     * caching_sha2_password needs without TLS.
     */
    static CommandLineClient mysql(final InetSocketAddress address, final String user, final String password, final String... options)
    {
        final List<String> arguments = new ArrayList<>(login(address, user, password));
        arguments.addAll(options.length == 0 ? List.of("--get-server-public-key") : List.of(options));
        return new CommandLineClient("mysql", ClientPrograms::mysql, arguments);
    }

    /** The mariadb client as {@code user}. */
    static CommandLineClient mariadb(final InetSocketAddress address, final String user, final String password, final String... options)
    {
        final List<String> arguments = new ArrayList<>(login(address, user, password));
        arguments.addAll(List.of(options));
        return new CommandLineClient("mariadb", ClientPrograms::mariadb, arguments);
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
            final Path parent = Files.createDirectories(ClientPrograms.mysqlRoot().resolve("srv").resolve("semisync"));
            final Path directory = Files.createTempDirectory(parent, "admin-it-");
            final Path copy = Files.copy(file, directory.resolve(file.getFileName()));
            return new VisibleFile(copy, "/" + ClientPrograms.mysqlRoot().relativize(copy));
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
    ClientOutput run(final String statements)
    {
        final List<String> full = new ArrayList<>(arguments);
        full.addAll(List.of("-e", statements));
        return new ClientOutput(name + " -e " + statements, ClientRun.of(program.apply(full.toArray(String[]::new))));
    }
}

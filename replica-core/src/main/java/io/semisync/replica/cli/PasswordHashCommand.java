package io.semisync.replica.cli;

import io.semisync.protocol.server.ServerUser;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code semisync-replica password-hash}: reads a password from standard input (without echo on a terminal) and
 * prints its stored hash for {@code --admin-password-hash}, or with {@code --user} a line for
 * {@code --admin-users-file}, so that no clear password has to sit in a configuration file.
 */
@Command(name = "password-hash", mixinStandardHelpOptions = true,
    description = "Print the stored hash of a password read from standard input, for --admin-password-hash or --admin-users-file.",
    modelTransformer = SettingOptions.AddToCommand.class)
final class PasswordHashCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--user", description = "Print 'USER HASH', a line for --admin-users-file.")
    String user;

    @Override
    public Integer call()
    {
        try
        {
            final ReplicaConfig config = SettingOptions.PASSWORD_HASH.read(spec.commandLine().getParseResult(), null).validateRead();
            final String password = readPassword();
            if (password == null || password.isEmpty())
            {
                System.err.println("semisync-replica: no password on standard input (echo it in, or type it at the prompt)");
                return CommandLine.ExitCode.USAGE;
            }
            final String hash = ServerUser.storedHash(config.get(Settings.ADMIN_AUTH_METHOD), password);
            System.out.println(user == null ? hash : user + " " + hash);
            return 0;
        }
        catch (final ConfigException | IllegalArgumentException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
    }

    private static String readPassword()
    {
        final Console console = System.console();
        if (console != null)
        {
            final char[] typed = console.readPassword("password: ");
            return typed == null ? null : new String(typed);
        }
        try
        {
            final String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.stripTrailing();
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read the password from standard input: " + ex.getMessage());
        }
    }
}

package io.semisync.replica.config;

import io.semisync.protocol.server.ServerUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.semisync.replica.config.Settings.ADMIN_AUTH_METHOD;
import static io.semisync.replica.config.Settings.ADMIN_PASSWORD_ENV;
import static io.semisync.replica.config.Settings.ADMIN_PASSWORD_FILE;
import static io.semisync.replica.config.Settings.ADMIN_PASSWORD_HASH;
import static io.semisync.replica.config.Settings.ADMIN_USER;
import static io.semisync.replica.config.Settings.ADMIN_USERS_FILE;
import static io.semisync.replica.config.Settings.SERVE_USERS_FILE;

/**
 * The admin endpoint's users, from the settings: {@code --admin-user} with a stored hash, a password file or a password
 * in the environment, and the {@code name hash} lines of {@code --admin-users-file}; and the replication endpoint's own
 * users, the lines of {@code --serve-users-file}. Only hashes are kept.
 */
final class AdminUsers
{
    private AdminUsers()
    {
    }

    /** The users the settings give; each problem goes to {@code problems}, naming the setting that fixes it. */
    static List<ServerUser> read(final ReplicaConfig config, final List<String> problems)
    {
        final List<ServerUser> users = new ArrayList<>();
        final String name = config.get(ADMIN_USER);
        if (name != null)
        {
            try
            {
                users.add(singleUser(config, name, problems));
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(ex.getMessage());
            }
        }
        else if (config.get(ADMIN_PASSWORD_HASH) != null || config.get(ADMIN_PASSWORD_FILE) != null)
        {
            problems.add("an admin password is set but no admin user: set " + ADMIN_USER.flag());
        }
        final Path file = config.get(ADMIN_USERS_FILE);
        if (file != null)
        {
            users.addAll(usersFile(ADMIN_USERS_FILE, file, problems));
        }
        final Set<String> names = new HashSet<>();
        users.stream().filter(user -> !names.add(user.name())).forEach(user -> problems.add("admin user '" + user.name()
            + "' is configured twice: " + ADMIN_USER.flag() + " and " + ADMIN_USERS_FILE.flag() + " must name different users"));
        return users;
    }

    private static ServerUser singleUser(final ReplicaConfig config, final String name, final List<String> problems)
    {
        final String hash = config.get(ADMIN_PASSWORD_HASH);
        final Path passwordFile = config.get(ADMIN_PASSWORD_FILE);
        if (hash != null && passwordFile != null)
        {
            problems.add("admin user '" + name + "' has both " + ADMIN_PASSWORD_HASH.flag() + " and " + ADMIN_PASSWORD_FILE.flag()
                + ": keep one");
        }
        if (hash != null)
        {
            return ServerUser.withStoredHash(name, hash);
        }
        final String password = passwordFile != null ? readPassword(passwordFile)
            : config.environmentVariable(config.get(ADMIN_PASSWORD_ENV));
        if (password == null)
        {
            throw new IllegalArgumentException("admin user '" + name + "' has no password: give " + ADMIN_PASSWORD_HASH.flag()
                + " ('semisync-replica password-hash' prints it), " + ADMIN_PASSWORD_FILE.flag()
                + ", or the environment variable named by " + ADMIN_PASSWORD_ENV.flag() + " (default " + ADMIN_PASSWORD_ENV.defaultValue()
                + ")");
        }
        return ServerUser.withPassword(name, config.get(ADMIN_AUTH_METHOD), password);
    }

    private static String readPassword(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + ADMIN_PASSWORD_FILE.flag() + " " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The users of replication alone ({@code --serve-users-file}); a name that is an admin user's too is a problem: the
     * same login would mean two passwords.
     */
    static List<ServerUser> replicationUsers(final ReplicaConfig config, final List<ServerUser> adminUsers, final List<String> problems)
    {
        final Path file = config.get(SERVE_USERS_FILE);
        if (file == null)
        {
            return List.of();
        }
        final List<ServerUser> users = usersFile(SERVE_USERS_FILE, file, problems);
        final Set<String> admins = new HashSet<>();
        adminUsers.forEach(user -> admins.add(user.name()));
        users.stream().filter(user -> admins.contains(user.name())).forEach(user -> problems.add("user '" + user.name()
            + "' is both an admin user and in " + SERVE_USERS_FILE.flag() + ": admin users may replicate already; keep one"));
        return users;
    }

    /** The {@code name hash} lines of a users file; each bad line goes to {@code problems}, naming {@code setting}. */
    private static List<ServerUser> usersFile(final Setting<Path> setting, final Path file, final List<String> problems)
    {
        final List<ServerUser> users = new ArrayList<>();
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            problems.add("cannot read " + setting.flag() + " " + file + ": " + ex.getMessage());
            return users;
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] fields = line.split("\\s+");
            try
            {
                if (fields.length != 2)
                {
                    throw new IllegalArgumentException("expected 'name hash', found " + fields.length + " fields");
                }
                users.add(ServerUser.withStoredHash(fields[0], fields[1]));
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(setting.flag() + " " + file + " line " + (i + 1) + ": " + ex.getMessage());
            }
        }
        return users;
    }
}

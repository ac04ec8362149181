package io.semisync.replica;

import io.semisync.replica.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The replica's data directory: {@code relay-log/} (the Chronicle Queue), {@code replica-uuid}, the
 * UUID the replica reports to the source, made once and kept, and {@code installed-plugins}, the plugins
 * INSTALL PLUGIN recorded (as MySQL keeps them in {@code mysql.plugin}).
 */
public final class DataDirectory
{
    private static final String RELAY_LOG = "relay-log";
    private static final String INSTALLED_PLUGINS = "installed-plugins";

    private final Path root;
    private final String replicaUuid;

    private DataDirectory(final Path root, final String replicaUuid)
    {
        this.root = root;
        this.replicaUuid = replicaUuid;
    }

    static DataDirectory open(final Path root)
    {
        try
        {
            Files.createDirectories(root);
            final Path uuidFile = root.resolve("replica-uuid");
            if (!Files.exists(uuidFile))
            {
                final Path temp = root.resolve("replica-uuid.tmp");
                Files.writeString(temp, UUID.randomUUID().toString(), StandardCharsets.US_ASCII);
                Files.move(temp, uuidFile, StandardCopyOption.ATOMIC_MOVE);
            }
            final String uuid = Files.readString(uuidFile, StandardCharsets.US_ASCII).trim();
            UUID.fromString(uuid);
            return new DataDirectory(root, uuid);
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot use data directory " + root + ": " + ex.getMessage()
                + " (check that it is writable by this user)");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(root.resolve("replica-uuid") + " does not hold a UUID: delete it to make a new one");
        }
    }

    /** The relay log's directory inside the data directory {@code root}, for readers that do not open the replica. */
    public static Path relayLogOf(final Path root)
    {
        return root.resolve(RELAY_LOG);
    }

    /** The file of the plugins INSTALL PLUGIN recorded, inside the data directory {@code root}. */
    public static Path installedPluginsOf(final Path root)
    {
        return root.resolve(INSTALLED_PLUGINS);
    }

    Path relayLog()
    {
        return relayLogOf(root);
    }

    String replicaUuid()
    {
        return replicaUuid;
    }
}

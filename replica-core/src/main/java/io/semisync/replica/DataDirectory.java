package io.semisync.replica;

import io.semisync.replica.config.ConfigException;
import io.semisync.storage.durability.DirectorySync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The replica's data directory: {@code relay-log/} (the Chronicle Queue), {@code replica-uuid}, the
 * UUID the replica reports to the source, made once and kept, {@code installed-plugins}, the plugins
 * INSTALL PLUGIN recorded (as MySQL keeps them in {@code mysql.plugin}), and
 * {@code source-format-description}, the source's last FORMAT_DESCRIPTION event, which a dump to downstream replicas
 * opens with (the relay log holds it only for files stored from their start).
 */
public final class DataDirectory
{
    private static final String RELAY_LOG = "relay-log";
    private static final String INSTALLED_PLUGINS = "installed-plugins";
    private static final String FORMAT_DESCRIPTION = "source-format-description";

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
                // durably: a power loss must not leave an empty file behind
                DirectorySync.replaceWith(uuidFile, root.resolve("replica-uuid.tmp"), UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
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

    /** The file of the source's kept FORMAT_DESCRIPTION event, inside the data directory {@code root}, for readers. */
    public static Path formatDescriptionOf(final Path root)
    {
        return root.resolve(FORMAT_DESCRIPTION);
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

    /** The FORMAT_DESCRIPTION event kept by {@link #keepFormatDescription}, if any. */
    Optional<byte[]> formatDescription()
    {
        final Path file = formatDescriptionOf(root);
        try
        {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read " + file + ": " + ex.getMessage() + " (check that it is readable by this user)");
        }
    }

    /**
     * Keeps the source's FORMAT_DESCRIPTION event, durably: written to a new file, synced, renamed over the old one and
     * the directory synced, so a crash leaves the old event or the new one.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    void keepFormatDescription(final byte[] event)
    {
        try
        {
            DirectorySync.replaceWith(root.resolve(FORMAT_DESCRIPTION), root.resolve(FORMAT_DESCRIPTION + ".tmp"), event);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot keep the source's FORMAT_DESCRIPTION in " + root, ex);
        }
    }
}

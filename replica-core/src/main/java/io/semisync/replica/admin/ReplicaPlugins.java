package io.semisync.replica.admin;

import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.durability.DirectorySync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugins the admin port shows and installs. The semisync replica plugin is built in, so semisync works without
 * it being installed and {@code rpl_semi_sync_replica} is always listed ACTIVE; INSTALL PLUGIN with the manual's names
 * ({@code rpl_semi_sync_replica}/{@code semisync_replica.so}, or {@code rpl_semi_sync_slave}/{@code semisync_slave.so})
 * succeeds and is recorded in the data directory, as MySQL records it in {@code mysql.plugin}, so installing it again,
 * even after a restart, gives MySQL's error 1125. UNINSTALL PLUGIN removes the record; the built-in plugin stays, and
 * {@code rpl_semi_sync_replica_enabled} alone decides whether replication is semisynchronous.
 */
final class ReplicaPlugins
{
    /** ER_PLUGIN_DELETE_BUILTIN. */
    private static final int BUILT_IN = 1619;
    /** ER_UNKNOWN_ERROR, for a data directory that cannot record the plugin. */
    private static final int UNKNOWN_ERROR = 1105;
    private static final String LICENSE = "";
    private static final String SEMISYNC_DESCRIPTION = "Semisynchronous replication replica, ACK after fsync";

    /** A plugin INSTALL PLUGIN accepts: a name and the library the manual loads it from. */
    enum Installable
    {
        REPLICA("rpl_semi_sync_replica", "semisync_replica.so"),
        SLAVE("rpl_semi_sync_slave", "semisync_slave.so");

        private final String pluginName;
        private final String library;

        Installable(final String pluginName, final String library)
        {
            this.pluginName = pluginName;
            this.library = library;
        }

        static Optional<Installable> named(final String name)
        {
            return Arrays.stream(values()).filter(plugin -> plugin.pluginName.equalsIgnoreCase(name)).findFirst();
        }

        /** Whether {@code soname} names this plugin's library, with or without {@code .so}, as MySQL and MariaDB take it. */
        boolean isLibrary(final String soname)
        {
            return soname.equals(library) || (soname + ".so").equals(library);
        }
    }

    private final Path file;
    private final Set<String> installed = new TreeSet<>();

    private ReplicaPlugins(final Path file)
    {
        this.file = file;
    }

    /**
     * The plugins recorded in {@code file} (none if it does not exist).
     *
     * @throws IllegalStateException when the file cannot be read
     */
    static ReplicaPlugins open(final Path file)
    {
        final ReplicaPlugins plugins = new ReplicaPlugins(file);
        try
        {
            if (Files.exists(file))
            {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(line -> !line.isEmpty())
                    .forEach(plugins.installed::add);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the installed plugins from " + file + ": " + ex.getMessage(), ex);
        }
        return plugins;
    }

    /** INSTALL PLUGIN {@code name} SONAME {@code soname}. */
    synchronized void install(final String name, final String soname)
    {
        final Installable plugin = Installable.named(name).orElseThrow(() -> AdminErrors.cannotOpenLibrary(soname,
            "semisync-replica has no plugin library; its built-in semisync replica plugin installs as rpl_semi_sync_replica SONAME "
            + "'semisync_replica.so' or rpl_semi_sync_slave SONAME 'semisync_slave.so'"
            + (name.toLowerCase(Locale.ROOT).contains("source") || name.toLowerCase(Locale.ROOT).contains("master")
            ? "; the source plugin belongs on the source" : "")));
        if (!plugin.isLibrary(soname))
        {
            throw AdminErrors.cannotOpenLibrary(soname, "the plugin " + plugin.pluginName + " is in '" + plugin.library + "'");
        }
        if (installed.contains(plugin.pluginName))
        {
            throw AdminErrors.pluginExists(plugin.pluginName);
        }
        installed.add(plugin.pluginName);
        try
        {
            save();
        }
        catch (final SqlErrorException ex)
        {
            installed.remove(plugin.pluginName);
            throw ex;
        }
    }

    /** UNINSTALL PLUGIN {@code name}. */
    synchronized void uninstall(final String name)
    {
        final String key = name.toLowerCase(Locale.ROOT);
        if (installed.remove(key))
        {
            try
            {
                save();
            }
            catch (final SqlErrorException ex)
            {
                installed.add(key);
                throw ex;
            }
            return;
        }
        if (key.equals(Installable.REPLICA.pluginName))
        {
            throw new SqlErrorException(BUILT_IN, "HY000", "Built-in plugins cannot be deleted");
        }
        throw AdminErrors.noSuchPlugin(name);
    }

    /** SHOW PLUGINS. */
    synchronized ResultTable showPlugins()
    {
        final ResultTable table = new ResultTable(ResultColumn.text("Name"), ResultColumn.text("Status"), ResultColumn.text("Type"),
            ResultColumn.text("Library"), ResultColumn.text("License"));
        for (final List<String> plugin : plugins())
        {
            table.add(plugin.get(0), "ACTIVE", plugin.get(1), plugin.get(2), LICENSE);
        }
        return table;
    }

    /** The rows of INFORMATION_SCHEMA.PLUGINS. */
    synchronized ResultTable informationSchema()
    {
        final ResultTable table = new ResultTable(ResultColumn.text("PLUGIN_NAME"), ResultColumn.text("PLUGIN_VERSION"),
            ResultColumn.text("PLUGIN_STATUS"), ResultColumn.text("PLUGIN_TYPE"), ResultColumn.text("PLUGIN_TYPE_VERSION"),
            ResultColumn.text("PLUGIN_LIBRARY"), ResultColumn.text("PLUGIN_LIBRARY_VERSION"), ResultColumn.text("PLUGIN_AUTHOR"),
            ResultColumn.text("PLUGIN_DESCRIPTION"), ResultColumn.text("PLUGIN_LICENSE"), ResultColumn.text("LOAD_OPTION"));
        for (final List<String> plugin : plugins())
        {
            table.add(plugin.get(0), "0.1", "ACTIVE", plugin.get(1), "", plugin.get(2), null, "semisync-replica", plugin.get(3), LICENSE,
                plugin.get(2) == null ? "FORCE" : "ON");
        }
        return table;
    }

    /** Name, type, library (null when built in and not installed) and description of each plugin. */
    private List<List<String>> plugins()
    {
        final String replicaLibrary = installed.contains(Installable.REPLICA.pluginName) ? Installable.REPLICA.library : null;
        final List<List<String>> plugins = new ArrayList<>(List.of(
            Arrays.asList("caching_sha2_password", "AUTHENTICATION", null, "caching_sha2_password authentication"),
            Arrays.asList("mysql_native_password", "AUTHENTICATION", null, "mysql_native_password authentication"),
            Arrays.asList(Installable.REPLICA.pluginName, "REPLICATION", replicaLibrary, SEMISYNC_DESCRIPTION)));
        if (installed.contains(Installable.SLAVE.pluginName))
        {
            plugins.add(Arrays.asList(Installable.SLAVE.pluginName, "REPLICATION", Installable.SLAVE.library, SEMISYNC_DESCRIPTION));
        }
        return plugins;
    }

    private void save()
    {
        try
        {
            final StringBuilder lines = new StringBuilder();
            installed.forEach(name -> lines.append(name).append('\n'));
            DirectorySync.replaceWithText(file, file.resolveSibling(file.getFileName() + ".tmp"), lines);
        }
        catch (final IOException | DurabilityException ex)
        {
            throw new SqlErrorException(UNKNOWN_ERROR, "HY000", "cannot record the installed plugins in " + file + ": " + ex.getMessage());
        }
    }
}

package io.semisync.replica.admin;

import io.semisync.protocol.server.ColumnKind;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSettings;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Setting;
import io.semisync.replica.config.Settings;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The admin port's system variables: every setting of the replica under its name with {@code _} for {@code -}
 * (the semisync switch also as {@code rpl_semi_sync_replica_enabled} and {@code rpl_semi_sync_slave_enabled}), and
 * the server variables MySQL clients and connectors read when they connect. Only dynamic settings can be set, with
 * {@code SET GLOBAL}; session variables a client sets ({@code SET NAMES}, {@code autocommit}) are accepted and change
 * nothing, since no statement of the admin port depends on them.
 */
final class SystemVariables
{
    /** The product's name, what {@code @@version_comment} shows. */
    static final String VERSION_COMMENT = "semisync-replica";
    private static final String CHARSET = "utf8mb4";
    private static final String COLLATION = "utf8mb4_0900_ai_ci";

    /** Where a variable lives. */
    enum Scope
    {
        /** Only global: a session cannot set it. */
        GLOBAL,
        /** Global with a session value of each connection. */
        BOTH
    }

    /**
     * One variable.
     *
     * @param name    its name, lower case
     * @param scope   where it lives
     * @param value   its current value as {@code SHOW VARIABLES} shows it ({@code ON}/{@code OFF} for booleans)
     * @param kind    how {@code SELECT @@name} types it
     * @param setting the setting behind it, null for a fixed server variable
     */
    record Variable(String name, Scope scope, Supplier<String> value, ColumnKind kind, Setting<?> setting)
    {
        /** The value as {@code SELECT @@name} gives it: 1 or 0 for booleans, as MySQL. */
        String selected()
        {
            final String shown = value.get();
            if (kind == ColumnKind.INTEGER && ("ON".equals(shown) || "OFF".equals(shown)))
            {
                return "ON".equals(shown) ? "1" : "0";
            }
            return shown;
        }
    }

    private final Map<String, Variable> variables = new TreeMap<>();
    private final ReplicaConfig config;

    /**
     * @param config     the replica's settings
     * @param serverUuid the replica's UUID (its {@code server_uuid})
     * @param port       the admin port's actual port
     * @param tls        whether the admin port offers TLS
     */
    SystemVariables(final ReplicaConfig config, final String serverUuid, final IntSupplier port, final boolean tls)
    {
        this.config = config;
        for (final Setting<?> setting : Settings.all())
        {
            if (!setting.isSecret())
            {
                addSetting(setting, setting.name());
                setting.aliases().forEach(alias -> addSetting(setting, alias));
            }
        }
        fixed("version", ServerSettings.DEFAULT_SERVER_VERSION);
        fixed("version_comment", VERSION_COMMENT);
        fixed("version_compile_os", System.getProperty("os.name"));
        fixed("version_compile_machine", System.getProperty("os.arch"));
        fixed("server_uuid", serverUuid);
        add("port", Scope.GLOBAL, ColumnKind.INTEGER, () -> String.valueOf(port.getAsInt()));
        fixed("have_dynamic_loading", "YES");
        fixed("have_ssl", tls ? "YES" : "DISABLED");
        fixed("have_openssl", tls ? "YES" : "DISABLED");
        flag("log_bin", false, Scope.GLOBAL);
        flag("read_only", true, Scope.GLOBAL);
        flag("super_read_only", true, Scope.GLOBAL);
        flag("performance_schema", false, Scope.GLOBAL);
        number("rpl_semi_sync_replica_trace_level", 32, Scope.GLOBAL);
        number("rpl_semi_sync_slave_trace_level", 32, Scope.GLOBAL);
        number("max_allowed_packet", ServerSettings.DEFAULT_MAX_PACKET_BYTES, Scope.BOTH);
        number("auto_increment_increment", 1, Scope.BOTH);
        number("interactive_timeout", Duration.ofHours(8).toSeconds(), Scope.BOTH);
        number("wait_timeout", Duration.ofHours(8).toSeconds(), Scope.BOTH);
        number("net_write_timeout", 60, Scope.BOTH);
        number("net_read_timeout", 30, Scope.BOTH);
        number("lower_case_table_names", 0, Scope.GLOBAL);
        flag("autocommit", true, Scope.BOTH);
        flag("transaction_read_only", false, Scope.BOTH);
        session("transaction_isolation", "REPEATABLE-READ");
        session("character_set_client", CHARSET);
        session("character_set_connection", CHARSET);
        session("character_set_results", CHARSET);
        session("character_set_server", CHARSET);
        session("character_set_database", CHARSET);
        fixed("character_set_system", "utf8mb3");
        session("collation_connection", COLLATION);
        session("collation_server", COLLATION);
        session("collation_database", COLLATION);
        session("sql_mode", "");
        session("time_zone", "SYSTEM");
        fixed("system_time_zone", ZoneId.systemDefault().getDisplayName(TextStyle.SHORT, Locale.ROOT));
        fixed("init_connect", "");
        fixed("license", "");
    }

    private <T> void addSetting(final Setting<T> setting, final String name)
    {
        variables.put(variableName(name), new Variable(variableName(name), Scope.GLOBAL, () -> setting.format(config.get(setting)),
            setting.isNumeric() ? ColumnKind.INTEGER : ColumnKind.TEXT, setting));
    }

    private void add(final String name, final Scope scope, final ColumnKind kind, final Supplier<String> value)
    {
        variables.put(name, new Variable(name, scope, value, kind, null));
    }

    private void fixed(final String name, final String value)
    {
        add(name, Scope.GLOBAL, ColumnKind.TEXT, () -> value);
    }

    private void session(final String name, final String value)
    {
        add(name, Scope.BOTH, ColumnKind.TEXT, () -> value);
    }

    private void number(final String name, final long value, final Scope scope)
    {
        add(name, scope, ColumnKind.INTEGER, () -> String.valueOf(value));
    }

    private void flag(final String name, final boolean value, final Scope scope)
    {
        add(name, scope, ColumnKind.INTEGER, () -> value ? "ON" : "OFF");
    }

    /** The variable of a setting's name: {@code _} for {@code -}. */
    static String variableName(final String settingName)
    {
        return settingName.replace('-', '_');
    }

    Optional<Variable> find(final String name)
    {
        return Optional.ofNullable(variables.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@code Variable_name} and {@code Value} of every variable, by name. */
    ResultTable table()
    {
        final ResultTable table = new ResultTable(ResultColumn.text("Variable_name"), ResultColumn.text("Value"));
        variables.values().forEach(variable -> table.add(variable.name(), variable.value().get()));
        return table;
    }

    /**
     * Sets a variable as {@code SET} does.
     *
     * @param global whether {@code SET GLOBAL} (else a session's {@code SET})
     * @param text   the value's text; null for {@code DEFAULT}
     * @return the setting changed, or empty when a session variable was accepted without effect
     * @throws io.semisync.protocol.server.SqlErrorException as MySQL: 1193 unknown, 1238 read only, 1229 global only, 1231 bad value
     */
    Optional<Setting<?>> set(final String name, final boolean global, final String text)
    {
        final Variable variable = find(name).orElseThrow(() -> AdminErrors.unknownVariable(name));
        final Setting<?> setting = variable.setting();
        if (setting == null || !setting.isDynamic())
        {
            if (!global && variable.scope() == Scope.BOTH)
            {
                return Optional.empty();
            }
            throw AdminErrors.readOnly(variable.name(), setting == null ? ""
                : ": set " + setting.flag() + " (config key " + setting.name() + ") and restart the replica");
        }
        if (!global)
        {
            throw AdminErrors.globalVariable(variable.name());
        }
        try
        {
            config.setDynamic(setting.name(), text == null ? defaultText(setting) : text);
        }
        catch (final RuntimeException ex)
        {
            throw AdminErrors.wrongValue(variable.name(), text);
        }
        return Optional.of(setting);
    }

    private static <T> String defaultText(final Setting<T> setting)
    {
        return setting.format(setting.defaultValue());
    }
}

package io.semisync.replica.cli;

import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Setting;
import io.semisync.replica.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command line's view of {@link io.semisync.replica.config.Settings}: one option per setting, named, documented
 * and defaulted from the table, and the reading of flags and the {@code --config} file into a {@link ReplicaConfig}.
 * Both go through {@link ReplicaConfig#read}, so a value means the same in either; flags win over the file.
 */
final class SettingOptions
{
    /** The option naming the properties file; not a setting of the replica itself. */
    static final String CONFIG_KEY = "config";
    /** {@code run}: every setting. */
    static final SettingOptions RUN = new SettingOptions(Settings.all());
    /** {@code dump}: where the relay log is. */
    static final SettingOptions DUMP = new SettingOptions(List.of(Settings.DATA_DIR));
    /** {@code cdc}: where the relay log is, the decompression limit, and the source for column names. */
    static final SettingOptions CDC = new SettingOptions(List.of(Settings.DATA_DIR, Settings.CDC_MAX_UNCOMPRESSED_BYTES,
        Settings.CDC_SOURCE_COLUMNS, Settings.SOURCE_HOST, Settings.SOURCE_PORT, Settings.USER, Settings.PASSWORD_FILE,
        Settings.PASSWORD_ENV, Settings.TLS_MODE, Settings.TLS_CA, Settings.TLS_CERT, Settings.TLS_KEY,
        Settings.ALLOW_PUBLIC_KEY_RETRIEVAL, Settings.SERVER_PUBLIC_KEY, Settings.CONNECT_TIMEOUT, Settings.CDC_KAFKA_BOOTSTRAP,
        Settings.CDC_KAFKA_TOPIC_PREFIX, Settings.CDC_KAFKA_TOPIC_PER, Settings.CDC_KAFKA_TRANSACTIONAL_ID,
        Settings.CDC_KAFKA_TOPIC_PARTITIONS, Settings.CDC_KAFKA_REPLICATION_FACTOR, Settings.CDC_KAFKA_TOPIC_CONFIG));
    /** {@code password-hash}: which hash to print. */
    static final SettingOptions PASSWORD_HASH = new SettingOptions(List.of(Settings.ADMIN_AUTH_METHOD));

    private final List<Setting<?>> settings;

    SettingOptions(final List<Setting<?>> settings)
    {
        this.settings = settings;
    }

    /** Adds one option per setting to a command. */
    void addTo(final CommandSpec spec)
    {
        for (final Setting<?> setting : settings)
        {
            final List<String> names = new ArrayList<>();
            names.add(setting.flag());
            setting.aliases().forEach(alias -> names.add("--" + alias));
            final OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
                .type(String.class)
                .paramLabel(setting.valueLabel())
                .description(description(setting));
            if (setting.isSwitch())
            {
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
        }
    }

    private static <T> String description(final Setting<T> setting)
    {
        final String defaultText = setting.format(setting.defaultValue());
        return setting.doc() + (defaultText.isEmpty() ? "" : " (default: " + defaultText + ")") + "."
            + (setting.isDynamic() ? " SET GLOBAL changes it at runtime." : "");
    }

    /**
     * The settings given by {@code configFile} (if any) and then by the flags of {@code parsed}; problems wait for
     * {@link ReplicaConfig#validate()}.
     *
     * @throws ConfigException when the config file cannot be read
     */
    ReplicaConfig read(final ParseResult parsed, final Path configFile)
    {
        final ReplicaConfig config = new ReplicaConfig();
        final Map<Setting<?>, String> flags = new LinkedHashMap<>();
        for (final Setting<?> setting : settings)
        {
            final OptionSpec option = parsed.matchedOption(setting.flag());
            if (option != null)
            {
                flags.put(setting, option.getValue());
            }
        }
        if (configFile != null)
        {
            final Properties properties = load(configFile);
            for (final String key : properties.stringPropertyNames())
            {
                final boolean overridden = flags.keySet().stream().anyMatch(setting -> setting.isNamed(key));
                if (!key.equals(CONFIG_KEY) && !overridden)
                {
                    config.read(key, properties.getProperty(key), "in config file " + configFile);
                }
            }
        }
        flags.forEach((setting, text) -> config.read(setting.name(), text, "from " + setting.flag()));
        return config;
    }

    /** Adds the options of a command's settings to it: picocli calls it for commands that name it as their model transformer. */
    static final class AddToCommand implements CommandLine.IModelTransformer
    {
        @Override
        public CommandSpec transform(final CommandSpec spec)
        {
            final SettingOptions options = switch (spec.name())
            {
                case "run" -> RUN;
                case "dump" -> DUMP;
                case "cdc" -> CDC;
                case "password-hash" -> PASSWORD_HASH;
                default -> throw new IllegalStateException("no settings for the command " + spec.name());
            };
            options.addTo(spec);
            return spec;
        }
    }

    private static Properties load(final Path configFile)
    {
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8))
        {
            final Properties properties = new Properties();
            properties.load(reader);
            return properties;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException("cannot read the config file " + configFile + ": " + ex.getMessage());
        }
    }
}

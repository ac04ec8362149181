package io.semisync.replica.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of the replica: its name (the flag without its dashes and the config-file key), other names it
 * answers to, its default, its doc line, and how its text becomes a value. Flags, the config file and
 * {@code SET GLOBAL} (for a dynamic setting) all give text, and all go through {@link #parse(String)}, so a value
 * means the same whichever way it came. In names, {@code _} and {@code -} are the same, as in MySQL option files.
 *
 * @param <T> the value's type
 */
public final class Setting<T>
{
    private final String name;
    private final List<String> aliases;
    private final String valueLabel;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> converter;
    private final Function<T, String> printer;
    private final Function<T, String> checker;
    private final boolean numeric;
    private final boolean dynamic;
    private final boolean secret;

    private Setting(
        final String name,
        final List<String> aliases,
        final String valueLabel,
        final T defaultValue,
        final String doc,
        final Function<String, T> converter,
        final Function<T, String> printer,
        final Function<T, String> checker,
        final boolean numeric,
        final boolean dynamic,
        final boolean secret)
    {
        this.name = name;
        this.aliases = aliases;
        this.valueLabel = valueLabel;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.converter = converter;
        this.printer = printer;
        this.checker = checker;
        this.numeric = numeric;
        this.dynamic = dynamic;
        this.secret = secret;
    }

    /** Free text, e.g. a host name or a user. */
    static Setting<String> text(final String name, final String valueLabel, final String defaultValue, final String doc)
    {
        return new Setting<>(name, List.of(), valueLabel, defaultValue, doc, text -> text, value -> value, value -> null, false, false,
            false);
    }

    /** A whole number in {@code min..max}. */
    static Setting<Long> number(final String name, final String valueLabel, final Long defaultValue, final long min, final long max,
        final String doc)
    {
        return new Setting<>(name, List.of(), valueLabel, defaultValue, doc, Setting::parseLong, String::valueOf,
            value -> value < min || value > max ? value + " is not in " + min + ".." + max : null, true, false, false);
    }

    /** A whole number in {@code min..max}, or 0, which turns off what it sizes. */
    static Setting<Long> numberOrZero(final String name, final String valueLabel, final Long defaultValue, final long min, final long max,
        final String doc)
    {
        return new Setting<>(name, List.of(), valueLabel, defaultValue, doc, Setting::parseLong, String::valueOf,
            value -> value != 0 && (value < min || value > max) ? value + " is neither 0 nor in " + min + ".." + max : null, true, false,
            false);
    }

    /** A TCP port, 1..65535, or 0 where {@code zeroMeans} says what 0 does. */
    static Setting<Integer> port(final String name, final Integer defaultValue, final String zeroMeans, final String doc)
    {
        final int min = zeroMeans == null ? 1 : 0;
        return new Setting<>(name, List.of(), "PORT", defaultValue, doc, text -> (int)parseLong(text), String::valueOf,
            value -> value < min || value > 65_535 ? value + " is not in " + min + "..65535" : null, true, false, false);
    }

    /** On or off: ON/OFF, 1/0 or true/false in any case, as MySQL reads booleans. A flag without a value means on. */
    static Setting<Boolean> bool(final String name, final boolean defaultValue, final String doc)
    {
        return new Setting<>(name, List.of(), "BOOLEAN", defaultValue, doc, Setting::parseBoolean, value -> value ? "ON" : "OFF",
            value -> null, true, false, false);
    }

    /** A file or directory. */
    static Setting<Path> path(final String name, final String valueLabel, final String doc)
    {
        return new Setting<>(name, List.of(), valueLabel, null, doc, Path::of, Path::toString, value -> null, false, false, false);
    }

    /** One of an enum's constants, named in any case. */
    static <E extends Enum<E>> Setting<E> choice(final String name, final Class<E> type, final E defaultValue, final String doc)
    {
        final String choices = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return new Setting<>(name, List.of(), "VALUE", defaultValue, doc + " (" + choices + ")", text ->
        {
            try
            {
                return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("'" + text + "' is none of " + choices, ex);
            }
        }, Enum::name, value -> null, false, false, false);
    }

    /** A duration written as a whole number of {@code unit}s, the unit the name says ({@code -ms}, {@code -hours}). */
    static Setting<Duration> duration(final String name, final ChronoUnit unit, final Duration defaultValue, final Duration min,
        final Duration max, final String doc)
    {
        final String label = unit.name().toUpperCase(Locale.ROOT);
        return new Setting<>(name, List.of(), label, defaultValue, doc, text -> Duration.of(parseLong(text), unit),
            value -> String.valueOf(value.dividedBy(Duration.of(1, unit))),
            value -> value.compareTo(min) < 0 || value.compareTo(max) > 0
                ? value.dividedBy(Duration.of(1, unit)) + " is not in " + min.dividedBy(Duration.of(1, unit)) + ".."
                + max.dividedBy(Duration.of(1, unit))
                : null, true, false, false);
    }

    /** A duration written with its unit ({@link DurationText}: {@code 2ms}, {@code 500us}), in {@code 0..max}. */
    static Setting<Duration> span(final String name, final Duration max, final String doc)
    {
        return new Setting<>(name, List.of(), "DURATION", Duration.ZERO, doc, DurationText::parse, DurationText::format,
            value -> value.compareTo(max) > 0 ? DurationText.format(value) + " is more than " + DurationText.format(max) : null, false,
            false, false);
    }

    /**
     * {@code KEY=VALUE} pairs separated by commas, in the order given; a piece without {@code =} continues the value before
     * it, so a value may be a list ({@code cleanup.policy=compact,delete}). Keys are lower-case words joined by '.', '_' or
     * '-'; empty text means none.
     */
    static Setting<Map<String, String>> pairs(final String name, final String doc)
    {
        return new Setting<>(name, List.of(), "KEY=VALUE,...", Map.of(), doc, Setting::parsePairs,
            value -> value.entrySet().stream().map(pair -> pair.getKey() + "=" + pair.getValue()).collect(Collectors.joining(",")),
            value -> null, false, false, false);
    }

    /** This setting, also answering to {@code names} (config-file keys, {@code SET GLOBAL} variables and flags). */
    Setting<T> alsoNamed(final String... names)
    {
        return new Setting<>(name, List.of(names), valueLabel, defaultValue, doc, converter, printer, checker, numeric, dynamic, secret);
    }

    /** This setting, also settable while the replica runs ({@code SET GLOBAL}). */
    Setting<T> dynamic()
    {
        return new Setting<>(name, aliases, valueLabel, defaultValue, doc, converter, printer, checker, numeric, true, secret);
    }

    /** This setting, never shown by {@code SHOW VARIABLES}. */
    Setting<T> secret()
    {
        return new Setting<>(name, aliases, valueLabel, defaultValue, doc, converter, printer, checker, numeric, dynamic, true);
    }

    /** The name: the flag without {@code --} and the config-file key. */
    public String name()
    {
        return name;
    }

    /** Other names this setting answers to. */
    public List<String> aliases()
    {
        return aliases;
    }

    /** {@code --name}, as messages tell the operator what to set. */
    public String flag()
    {
        return "--" + name;
    }

    /** What the value is, for {@code --help} ({@code PORT}, {@code FILE}, ...). */
    public String valueLabel()
    {
        return valueLabel;
    }

    /** The value when nothing sets it; null for none. */
    public T defaultValue()
    {
        return defaultValue;
    }

    /** One line saying what the setting does. */
    public String doc()
    {
        return doc;
    }

    /** Whether its value is a number (booleans count, as 1 and 0), as {@code SELECT @@name} types it. */
    public boolean isNumeric()
    {
        return numeric;
    }

    /** Whether {@code SET GLOBAL} may change it while the replica runs. */
    public boolean isDynamic()
    {
        return dynamic;
    }

    /** Whether its value stays out of {@code SHOW VARIABLES}. */
    public boolean isSecret()
    {
        return secret;
    }

    /** Whether a flag without a value turns it on. */
    public boolean isSwitch()
    {
        return defaultValue instanceof Boolean;
    }

    /** Whether {@code candidate} is one of this setting's names ({@code _} and {@code -} alike, any case). */
    public boolean isNamed(final String candidate)
    {
        final String normalized = normalize(candidate);
        return normalized.equals(name) || aliases.contains(normalized);
    }

    /**
     * The value of {@code text}, checked.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public T parse(final String text)
    {
        if (text == null)
        {
            throw new IllegalArgumentException("no value given");
        }
        final T value = converter.apply(text.trim());
        final String problem = check(value);
        if (problem != null)
        {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    /** What is wrong with {@code value}, or null if nothing. */
    String check(final T value)
    {
        return value == null ? null : checker.apply(value);
    }

    /** The text form of a value, as {@link #parse} reads it back; empty for none. */
    public String format(final T value)
    {
        return value == null ? "" : printer.apply(value);
    }

    /** {@code _} and {@code -} are the same in setting names, as in MySQL option files; names are lower case. */
    static String normalize(final String candidate)
    {
        return candidate.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static long parseLong(final String text)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", ex);
        }
    }

    private static Map<String, String> parsePairs(final String text)
    {
        if (text.isBlank())
        {
            return Map.of();
        }
        final Map<String, String> pairs = new LinkedHashMap<>();
        String key = null;
        for (final String piece : text.split(","))
        {
            final int equals = piece.indexOf('=');
            if (equals < 0)
            {
                if (key == null)
                {
                    throw new IllegalArgumentException("'" + piece.trim() + "' is no KEY=VALUE pair (e.g. retention.ms=604800000)");
                }
                pairs.put(key, pairs.get(key) + "," + piece.trim());
                continue;
            }
            key = piece.substring(0, equals).trim();
            if (!key.matches("[a-z0-9]+([._-][a-z0-9]+)*"))
            {
                throw new IllegalArgumentException("'" + key + "' in '" + piece.trim() + "' is no key: use lower-case words joined by '.', e.g. retention.ms");
            }
            if (pairs.put(key, piece.substring(equals + 1).trim()) != null)
            {
                throw new IllegalArgumentException("'" + key + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(pairs);
    }

    private static boolean parseBoolean(final String text)
    {
        return switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not a boolean (ON or OFF, 1 or 0, true or false)");
        };
    }

    @Override
    public String toString()
    {
        return flag();
    }
}

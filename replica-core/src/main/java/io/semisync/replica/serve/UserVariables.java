package io.semisync.replica.serve;

import io.semisync.protocol.server.SqlErrorException;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user variables one downstream connection set ({@code SET @name = value, ...}): what its dump depends on, such as
 * {@code @master_heartbeat_period} (nanoseconds) or MariaDB's {@code @slave_connect_state}. Names are kept in lower
 * case; a quoted value is kept unquoted, any other value as written ({@code @@global.binlog_checksum} stays text).
 * Assignments to system variables ({@code SET NAMES}, {@code SET skip_replication=1}) are accepted and not kept.
 */
final class UserVariables
{
    private final Map<String, String> values = new ConcurrentHashMap<>();

    /** Keeps the user variables a SET statement assigns. */
    void set(final String statement)
    {
        final String assignments = statement.substring("SET".length());
        int at = 0;
        while (at < assignments.length())
        {
            final int end = endOfAssignment(assignments, at);
            assign(assignments.substring(at, end).trim());
            at = end + 1;
        }
    }

    /** The value of {@code @name} (without the {@code @}), or null. */
    String get(final String name)
    {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The first of {@code names} that is set, as a non-negative integer; {@code fallback} when none is.
     *
     * @throws SqlErrorException when it is not such an integer
     */
    long integer(final long fallback, final String... names)
    {
        for (final String name : names)
        {
            final String value = get(name);
            if (value != null)
            {
                try
                {
                    return Math.max(0, Long.parseLong(value));
                }
                catch (final NumberFormatException ex)
                {
                    throw new SqlErrorException(1232, "42000", "@" + name + " must be a whole number, not '" + value + "'");
                }
            }
        }
        return fallback;
    }

    private void assign(final String assignment)
    {
        final int equals = assignment.indexOf('=');
        if (!assignment.startsWith("@") || assignment.startsWith("@@") || equals < 0)
        {
            return;
        }
        final String name = assignment.substring(1, equals).trim().toLowerCase(Locale.ROOT);
        values.put(name, unquote(assignment.substring(equals + 1).trim()));
    }

    private static int endOfAssignment(final String text, final int from)
    {
        char quote = 0;
        for (int i = from; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quote != 0)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c == '\'' || c == '"')
            {
                quote = c;
            }
            else if (c == ',')
            {
                return i;
            }
        }
        return text.length();
    }

    private static String unquote(final String value)
    {
        if (value.length() < 2 || (value.charAt(0) != '\'' && value.charAt(0) != '"') || value.charAt(value.length() - 1) != value.charAt(0))
        {
            return value;
        }
        final char quote = value.charAt(0);
        final StringBuilder text = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++)
        {
            final char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1)
            {
                text.append(value.charAt(++i));
            }
            else if (c == quote && i + 1 < value.length() - 1 && value.charAt(i + 1) == quote)
            {
                text.append(quote);
                i++;
            }
            else
            {
                text.append(c);
            }
        }
        return text.toString();
    }
}

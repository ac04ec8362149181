package io.semisync.protocol.rows;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths of MySQL's JSON diffs: {@code $}, then members ({@code .key} or {@code ."quoted key"}) and array
 * cells ({@code [2]}, not negative); no wildcards or ranges, which diffs never hold. Steps are Strings (keys) and Integers.
 */
final class JsonPath
{
    private JsonPath()
    {
    }

    static List<Object> parse(final String path)
    {
        if (!path.startsWith("$"))
        {
            throw invalid(path);
        }
        final List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length())
        {
            final char c = path.charAt(i);
            if (c == '.' && i + 1 < path.length() && path.charAt(i + 1) == '"')
            {
                final StringBuilder key = new StringBuilder();
                i += 2;
                while (i < path.length() && path.charAt(i) != '"')
                {
                    if (path.charAt(i) == '\\' && i + 1 < path.length())
                    {
                        i++;
                    }
                    key.append(path.charAt(i++));
                }
                if (i == path.length())
                {
                    throw invalid(path);
                }
                steps.add(key.toString());
                i++;
            }
            else if (c == '.')
            {
                final int start = ++i;
                while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[')
                {
                    i++;
                }
                if (i == start)
                {
                    throw invalid(path);
                }
                steps.add(path.substring(start, i));
            }
            else if (c == '[')
            {
                final int end = path.indexOf(']', i);
                if (end < 0)
                {
                    throw invalid(path);
                }
                final int index;
                try
                {
                    index = Integer.parseInt(path.substring(i + 1, end).trim());
                }
                catch (final NumberFormatException ex)
                {
                    throw invalid(path);
                }
                if (index < 0)
                {
                    throw invalid(path);
                }
                steps.add(index);
                i = end + 1;
            }
            else
            {
                throw invalid(path);
            }
        }
        return steps;
    }

    private static RowDecodeException invalid(final String path)
    {
        return new RowDecodeException("JSON diff path " + path + " is not a path of members and array cells");
    }
}

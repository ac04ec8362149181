package io.semisync.replica.admin;

import java.util.regex.Pattern;

/** SQL's LIKE: {@code %} any run of characters, {@code _} one character, {@code \} escapes either; case-insensitive. */
final class LikePattern
{
    private final Pattern pattern;

    private LikePattern(final Pattern pattern)
    {
        this.pattern = pattern;
    }

    static LikePattern of(final String like)
    {
        final StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++)
        {
            final char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length())
            {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            }
            else if (c == '%')
            {
                regex.append(".*");
            }
            else if (c == '_')
            {
                regex.append('.');
            }
            else
            {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new LikePattern(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    boolean matches(final String value)
    {
        return value != null && pattern.matcher(value).matches();
    }
}

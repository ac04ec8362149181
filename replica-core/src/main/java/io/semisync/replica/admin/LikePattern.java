package io.semisync.replica.admin;

import java.util.Arrays;

/**
 * SQL's LIKE: {@code %} any run of characters, {@code _} one character, {@code \} escapes either; case-insensitive.
 * Matched by walking the pattern and the value once, going back only to the last {@code %}: at most pattern length
 * times value length steps whatever a client sends (a regular expression of many {@code .*} backtracks for minutes).
 */
final class LikePattern
{
    private static final int ANY_ONE = -1;
    private static final int ANY_RUN = -2;

    /** Per pattern position: a code point, folded to lower case, or {@link #ANY_ONE} or {@link #ANY_RUN}. */
    private final int[] steps;

    private LikePattern(final int[] steps)
    {
        this.steps = steps;
    }

    static LikePattern of(final String like)
    {
        final int[] codePoints = like.codePoints().toArray();
        final int[] steps = new int[codePoints.length];
        int count = 0;
        for (int i = 0; i < codePoints.length; i++)
        {
            final int c = codePoints[i];
            if (c == '\\' && i + 1 < codePoints.length)
            {
                steps[count++] = fold(codePoints[++i]);
            }
            else
            {
                steps[count++] = c == '%' ? ANY_RUN : c == '_' ? ANY_ONE : fold(c);
            }
        }
        return new LikePattern(Arrays.copyOf(steps, count));
    }

    boolean matches(final String value)
    {
        if (value == null)
        {
            return false;
        }
        final int[] text = value.codePoints().toArray();
        int step = 0;
        int at = 0;
        int lastRun = -1;
        int lastRunAt = 0;
        while (at < text.length)
        {
            if (step < steps.length && (steps[step] == ANY_ONE || steps[step] == fold(text[at])))
            {
                step++;
                at++;
            }
            else if (step < steps.length && steps[step] == ANY_RUN)
            {
                lastRun = step++;
                lastRunAt = at;
            }
            else if (lastRun >= 0)
            {
                step = lastRun + 1;
                at = ++lastRunAt;
            }
            else
            {
                return false;
            }
        }
        while (step < steps.length && steps[step] == ANY_RUN)
        {
            step++;
        }
        return step == steps.length;
    }

    private static int fold(final int codePoint)
    {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }
}

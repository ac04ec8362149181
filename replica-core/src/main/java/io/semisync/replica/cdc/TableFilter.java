package io.semisync.replica.cdc;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tables the feed shows, from {@code --include} and {@code --exclude} patterns: a pattern without a dot names
 * databases ({@code shop}, {@code shop_*}), one with a dot names tables ({@code shop.orders}, {@code *.audit_?}); {@code *}
 * matches any run of characters and {@code ?} one, case-sensitively as MySQL names tables on Linux. With no include
 * pattern every table is included; an exclude pattern wins over an include one. A DDL statement goes by the schema it
 * ran in: shown when an include pattern names that database (alone or with a table) and no database pattern excludes it.
 */
public final class TableFilter
{
    private final List<Rule> includes;
    private final List<Rule> excludes;

    /**
     * @param includes patterns of what to show; empty for everything.
     * @param excludes patterns of what to leave out.
     * @throws CdcException if a pattern is not a database or database.table pattern.
     */
    public TableFilter(final List<String> includes, final List<String> excludes)
    {
        this.includes = includes.stream().map(Rule::of).toList();
        this.excludes = excludes.stream().map(Rule::of).toList();
    }

    /** Everything. */
    public static TableFilter all()
    {
        return new TableFilter(List.of(), List.of());
    }

    /** Whether the row changes of {@code database.table} are shown. */
    public boolean includesTable(final String database, final String table)
    {
        return (includes.isEmpty() || includes.stream().anyMatch(rule -> rule.matches(database, table)))
            && excludes.stream().noneMatch(rule -> rule.matches(database, table));
    }

    /** Whether the DDL statements run in {@code database} are shown. */
    public boolean includesDatabase(final String database)
    {
        return (includes.isEmpty() || includes.stream().anyMatch(rule -> rule.database.matcher(database).matches()))
            && excludes.stream().noneMatch(rule -> rule.table == null && rule.database.matcher(database).matches());
    }

    private record Rule(Pattern database, Pattern table)
    {
        static Rule of(final String pattern)
        {
            final int dot = pattern.indexOf('.');
            if (pattern.isBlank() || dot != pattern.lastIndexOf('.') || dot == 0 || dot == pattern.length() - 1)
            {
                throw new CdcException("'" + pattern + "' is not a table pattern: write a database (shop, shop_*) or "
                    + "database.table (shop.orders, *.audit_?), with * for any run of characters and ? for one");
            }
            return dot < 0 ? new Rule(glob(pattern), null) : new Rule(glob(pattern.substring(0, dot)), glob(pattern.substring(dot + 1)));
        }

        boolean matches(final String databaseName, final String tableName)
        {
            return database.matcher(databaseName).matches() && (table == null || table.matcher(tableName).matches());
        }

        private static Pattern glob(final String glob)
        {
            final StringBuilder regex = new StringBuilder();
            for (final char c : glob.toCharArray())
            {
                switch (c)
                {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}

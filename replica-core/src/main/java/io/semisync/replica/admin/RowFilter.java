package io.semisync.replica.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A WHERE clause over the columns of a table, as far as the admin port needs one: comparisons of a column with a
 * literal ({@code =}, {@code !=}, {@code <>}, {@code LIKE}, {@code NOT LIKE}, {@code IN (...)}), {@code NOT}, {@code AND},
 * {@code OR} and parentheses. Comparisons ignore case, as MySQL's default collation does.
 */
@FunctionalInterface
interface RowFilter
{
    /** Every row passes. */
    RowFilter ALL = row -> true;

    /** Whether the row, given as a lookup of its values by upper-case column name, passes. */
    boolean test(Function<String, String> row);

    /**
     * Reads a condition from the cursor.
     *
     * @param columns the names a condition may compare (any case)
     * @throws io.semisync.protocol.server.SqlErrorException 1054 for another column, 1064 for anything this cannot read
     */
    static RowFilter parse(final TokenCursor cursor, final List<String> columns)
    {
        RowFilter filter = conjunction(cursor, columns);
        while (cursor.acceptWords("OR"))
        {
            final RowFilter left = filter;
            final RowFilter right = conjunction(cursor, columns);
            filter = row -> left.test(row) || right.test(row);
        }
        return filter;
    }

    private static RowFilter conjunction(final TokenCursor cursor, final List<String> columns)
    {
        RowFilter filter = factor(cursor, columns);
        while (cursor.acceptWords("AND"))
        {
            final RowFilter left = filter;
            final RowFilter right = factor(cursor, columns);
            filter = row -> left.test(row) && right.test(row);
        }
        return filter;
    }

    private static RowFilter factor(final TokenCursor cursor, final List<String> columns)
    {
        if (cursor.acceptWords("NOT"))
        {
            final RowFilter negated = factor(cursor, columns);
            return row -> !negated.test(row);
        }
        if (cursor.acceptSymbol("("))
        {
            final RowFilter inner = parse(cursor, columns);
            cursor.expectSymbol(")");
            return inner;
        }
        final String column = cursor.name().toUpperCase(Locale.ROOT);
        if (columns.stream().noneMatch(name -> name.equalsIgnoreCase(column)))
        {
            throw AdminErrors.unknownColumn(column);
        }
        final boolean not = cursor.acceptWords("NOT");
        if (cursor.acceptWords("LIKE"))
        {
            final LikePattern like = LikePattern.of(cursor.string());
            return row -> like.matches(row.apply(column)) != not;
        }
        if (cursor.acceptWords("IN"))
        {
            final List<String> values = new ArrayList<>();
            cursor.expectSymbol("(");
            do
            {
                values.add(cursor.value());
            }
            while (cursor.acceptSymbol(","));
            cursor.expectSymbol(")");
            return row -> values.stream().anyMatch(value -> value.equalsIgnoreCase(row.apply(column))) != not;
        }
        if (not)
        {
            throw cursor.syntaxError();
        }
        final boolean equal = cursor.acceptSymbol("=");
        if (!equal && !cursor.acceptSymbol("!=") && !cursor.acceptSymbol("<>"))
        {
            throw cursor.syntaxError();
        }
        final String value = cursor.value();
        return row -> value.equalsIgnoreCase(row.apply(column)) == equal;
    }
}

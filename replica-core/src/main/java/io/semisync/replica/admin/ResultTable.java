package io.semisync.replica.admin;

import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.TextResultSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Rows under named columns, filtered as a WHERE clause or a LIKE pattern says, then sent as a {@link TextResultSet}. */
final class ResultTable
{
    private final List<ResultColumn> columns;
    private final List<List<String>> rows = new ArrayList<>();

    ResultTable(final ResultColumn... columns)
    {
        this.columns = List.of(columns);
    }

    ResultTable(final List<ResultColumn> columns)
    {
        this.columns = List.copyOf(columns);
    }

    /** The column names, for {@link RowFilter#parse}. */
    List<String> columnNames()
    {
        return columns.stream().map(ResultColumn::name).toList();
    }

    ResultTable add(final String... values)
    {
        return add(Arrays.asList(values));
    }

    ResultTable add(final List<String> values)
    {
        if (values.size() != columns.size())
        {
            throw new IllegalArgumentException(values.size() + " values for " + columns.size() + " columns");
        }
        rows.add(values);
        return this;
    }

    /** The rows that pass {@code filter}. */
    ResultTable where(final RowFilter filter)
    {
        final ResultTable kept = new ResultTable(columns);
        for (final List<String> row : rows)
        {
            if (filter.test(lookup(row)))
            {
                kept.add(row);
            }
        }
        return kept;
    }

    /** Each row as a lookup of its values by upper-case column name. */
    List<Function<String, String>> rowLookups()
    {
        return rows.stream().map(this::lookup).toList();
    }

    private Function<String, String> lookup(final List<String> row)
    {
        final Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++)
        {
            byName.put(columns.get(i).name().toUpperCase(Locale.ROOT), row.get(i));
        }
        return byName::get;
    }

    /** The rows whose first column matches the LIKE pattern, as {@code SHOW ... LIKE} filters. */
    ResultTable like(final String pattern)
    {
        final LikePattern like = LikePattern.of(pattern);
        final ResultTable kept = new ResultTable(columns);
        rows.stream().filter(row -> like.matches(row.get(0))).forEach(kept::add);
        return kept;
    }

    TextResultSet toResult()
    {
        return new TextResultSet(columns, rows);
    }
}

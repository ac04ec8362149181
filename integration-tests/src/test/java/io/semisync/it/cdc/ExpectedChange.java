package io.semisync.it.cdc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line the feed must print, as a test compares it: a row change (op c/u/d with its row images) or a DDL statement
 * (op {@code ddl}, its text in {@code statement}), its database and table and its transaction's GTID.
 */
record ExpectedChange(String op, String database, String table, Map<String, Object> before, Map<String, Object> after,
    String statement, String gtid)
{
    static ExpectedChange row(final String op, final String database, final String table, final Map<String, Object> before,
        final Map<String, Object> after, final String gtid)
    {
        return new ExpectedChange(op, database, table, copy(before), copy(after), null, gtid);
    }

    static ExpectedChange ddl(final String database, final String statement, final String gtid)
    {
        return new ExpectedChange("ddl", database, null, null, null, statement, gtid);
    }

    /** What a line of the feed says, in the same shape. */
    @SuppressWarnings("unchecked")
    static ExpectedChange of(final Map<String, Object> line)
    {
        final Map<String, Object> source = (Map<String, Object>)line.get("source");
        if (line.containsKey("ddl"))
        {
            return ddl((String)source.get("db"), (String)line.get("ddl"), (String)source.get("gtid"));
        }
        return row((String)line.get("op"), (String)source.get("db"), (String)source.get("table"),
            (Map<String, Object>)line.get("before"), (Map<String, Object>)line.get("after"), (String)source.get("gtid"));
    }

    private static Map<String, Object> copy(final Map<String, Object> image)
    {
        return image == null ? null : new LinkedHashMap<>(image);
    }
}

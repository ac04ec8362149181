package io.semisync.protocol.server;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A session handler for tests: {@code SELECT rows} gives a result set of text, number and NULL values,
 * {@code FAIL sql} an SqlErrorException 1064, {@code BUG} a plain exception, a database named {@code nope} is
 * refused with 1049, anything else an OK with one affected row. Every statement is recorded.
 */
final class ScriptedHandler implements SessionHandler
{
    static final TextResultSet ROWS = new TextResultSet(
        List.of(ResultColumn.text("name"), ResultColumn.number("n"), new ResultColumn("d", ColumnKind.DECIMAL)),
        List.of(List.of("alpha", "1", "1.50"), Arrays.asList("bêta", null, "-2.125")));

    final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<QueryResult> query(final ServerSession session, final String sql)
    {
        statements.add(sql);
        if (sql.equals("SELECT rows"))
        {
            return CompletableFuture.completedFuture(ROWS);
        }
        if (sql.startsWith("FAIL"))
        {
            return CompletableFuture.failedFuture(new SqlErrorException(1064, "42000", "You have an error in your SQL syntax near '" + sql + "'"));
        }
        if (sql.equals("BUG"))
        {
            throw new IllegalStateException("handler bug");
        }
        if (sql.equals("SELECT schema"))
        {
            return CompletableFuture.completedFuture(new TextResultSet(List.of(ResultColumn.text("schema")),
                List.of(Collections.singletonList(session.schema()))));
        }
        return CompletableFuture.completedFuture(new OkResult(1, ""));
    }

    @Override
    public CompletionStage<Void> useSchema(final ServerSession session, final String schema)
    {
        return schema.equals("nope")
            ? CompletableFuture.failedFuture(new SqlErrorException(1049, "42000", "Unknown database 'nope'"))
            : CompletableFuture.completedFuture(null);
    }
}

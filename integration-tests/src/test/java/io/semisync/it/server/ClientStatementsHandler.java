package io.semisync.it.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.semisync.protocol.server.ColumnKind;
import io.semisync.protocol.server.OkResult;
import io.semisync.protocol.server.QueryResult;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.SessionHandler;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.protocol.server.TextResultSet;

/**
 * Answers, minimally, what the mysql and mariadb clients and mysql-connector-j send when they connect, plus
 * {@code SELECT rows}, a small result set; everything else is a syntax error that names the statement. Records
 * every statement, so the test can show which ones clients send.
 */
final class ClientStatementsHandler implements SessionHandler
{
    /** Text beyond ASCII, a BIGINT beyond 32 bits, NULL and decimals, as clients must show them. */
    static final TextResultSet ROWS = new TextResultSet(
        List.of(ResultColumn.text("label"), ResultColumn.number("big"), new ResultColumn("amount", ColumnKind.DECIMAL)),
        List.of(List.of("alpha", "9000000000", "1.50"), Arrays.asList("ünïcødé ☃", null, "-2.125")));

    /** connector-j's first query selects system variables, each {@code @@name AS alias}. */
    private static final Pattern VARIABLE = Pattern.compile("@@(?:session\\.)?(\\w+) AS (\\w+)");
    private static final Map<String, String> VARIABLES = variables();

    final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<QueryResult> query(final ServerSession session, final String sql)
    {
        statements.add(sql);
        if (sql.equals("SELECT rows"))
        {
            return CompletableFuture.completedFuture(ROWS);
        }
        if (sql.equalsIgnoreCase("select @@version_comment limit 1"))
        {
            return CompletableFuture.completedFuture(new TextResultSet(List.of(ResultColumn.text("@@version_comment")),
                List.of(List.of("semisync-replica test server"))));
        }
        if (sql.contains("@@session.auto_increment_increment"))
        {
            return CompletableFuture.completedFuture(variables(sql));
        }
        if (sql.regionMatches(true, 0, "SET ", 0, 4))
        {
            return CompletableFuture.completedFuture(OkResult.empty());
        }
        // includes the mysql client's "select $$" probe: a server without dollar quoting answers it with a syntax error
        return CompletableFuture.failedFuture(new SqlErrorException(1064, "42000",
            "You have an error in your SQL syntax; this test server does not know '" + sql + "'"));
    }

    /** Statements recorded since the last call. */
    List<String> take()
    {
        final List<String> taken = new ArrayList<>(statements);
        statements.clear();
        return taken;
    }

    private static TextResultSet variables(final String sql)
    {
        final List<ResultColumn> columns = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final Matcher matcher = VARIABLE.matcher(sql);
        while (matcher.find())
        {
            columns.add(ResultColumn.text(matcher.group(2)));
            values.add(VARIABLES.get(matcher.group(1)));
        }
        return new TextResultSet(columns, List.of(values));
    }

    private static Map<String, String> variables()
    {
        final Map<String, String> variables = new LinkedHashMap<>();
        variables.put("auto_increment_increment", "1");
        variables.put("character_set_client", "utf8mb4");
        variables.put("character_set_connection", "utf8mb4");
        variables.put("character_set_results", "utf8mb4");
        variables.put("character_set_server", "utf8mb4");
        variables.put("collation_server", "utf8mb4_0900_ai_ci");
        variables.put("collation_connection", "utf8mb4_0900_ai_ci");
        variables.put("init_connect", "");
        variables.put("interactive_timeout", "28800");
        variables.put("license", "GPL");
        variables.put("lower_case_table_names", "0");
        variables.put("max_allowed_packet", "67108864");
        variables.put("net_write_timeout", "60");
        variables.put("performance_schema", "0");
        variables.put("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION");
        variables.put("system_time_zone", "UTC");
        variables.put("time_zone", "SYSTEM");
        variables.put("transaction_isolation", "REPEATABLE-READ");
        variables.put("wait_timeout", "28800");
        return variables;
    }
}

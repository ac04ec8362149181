package io.semisync.replica.admin;

import io.semisync.protocol.server.ColumnKind;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.ServerSettings;
import io.semisync.protocol.server.TextResultSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The SELECTs the admin port answers: system variables ({@code @@version}, {@code @@global.server_id},
 * {@code @@session.auto_increment_increment AS ...}, what connectors read on connect), literals, a few functions
 * ({@code VERSION()}, {@code DATABASE()}, {@code USER()}, {@code CURRENT_USER()}, {@code CONNECTION_ID()}), and columns of
 * the few tables it has ({@code INFORMATION_SCHEMA.PLUGINS}, the variables and status tables) with WHERE and LIMIT.
 * Columns are labelled with the expression as written, as MySQL labels them.
 */
final class SelectQuery
{
    /** One selected column: its label and type, and its value in a row of the table (or of no table). */
    private record Item(String label, ColumnKind kind, Function<Function<String, String>, String> value, String column)
    {
    }

    private final SystemVariables variables;
    private final BiFunction<String, String, Optional<ResultTable>> tables;

    /**
     * @param tables the table of a schema and name (lower case), if the admin port has it
     */
    SelectQuery(final SystemVariables variables, final BiFunction<String, String, Optional<ResultTable>> tables)
    {
        this.variables = variables;
        this.tables = tables;
    }

    /** Runs the SELECT whose first keyword the cursor has taken. */
    TextResultSet execute(final ServerSession session, final TokenCursor cursor)
    {
        final List<Item> items = new ArrayList<>();
        do
        {
            items.add(item(session, cursor));
        }
        while (cursor.acceptSymbol(","));
        ResultTable table = null;
        if (cursor.acceptWords("FROM"))
        {
            table = table(session, cursor);
        }
        if (table != null && cursor.acceptWords("WHERE"))
        {
            table = table.where(RowFilter.parse(cursor, table.columnNames()));
        }
        final long[] limit = limit(cursor);
        cursor.expectEnd();
        return result(items, table, limit);
    }

    private Item item(final ServerSession session, final TokenCursor cursor)
    {
        final int start = cursor.position();
        if (cursor.acceptSymbol("*"))
        {
            return new Item("*", ColumnKind.TEXT, row -> null, "*");
        }
        final Item expression = expression(session, cursor);
        final String written = cursor.sql().substring(start, cursor.position()).strip();
        if (cursor.acceptWords("AS") || (cursor.peek() != null && cursor.peek().isName() && !isClause(cursor)))
        {
            final String alias = cursor.peek() != null && cursor.peek().kind() == SqlToken.Kind.STRING ? cursor.string() : cursor.name();
            return new Item(alias, expression.kind(), expression.value(), expression.column());
        }
        return new Item(written, expression.kind(), expression.value(), expression.column());
    }

    private static boolean isClause(final TokenCursor cursor)
    {
        return cursor.isWords("FROM") || cursor.isWords("WHERE") || cursor.isWords("LIMIT");
    }

    private Item expression(final ServerSession session, final TokenCursor cursor)
    {
        if (cursor.acceptSymbol("@@"))
        {
            final String first = cursor.name();
            final String name = cursor.acceptSymbol(".") ? cursor.name() : first;
            final SystemVariables.Variable variable = variables.find(name).orElseThrow(() -> AdminErrors.unknownVariable(name));
            return new Item(name, variable.kind(), row -> variable.selected(), null);
        }
        if (isClause(cursor))
        {
            throw cursor.syntaxError();
        }
        final SqlToken token = cursor.next();
        switch (token.kind())
        {
            case STRING:
                return new Item(token.text(), ColumnKind.TEXT, row -> token.text(), null);
            case NUMBER:
                return new Item(token.text(), ColumnKind.INTEGER, row -> token.text(), null);
            case SYMBOL:
                if (token.isSymbol("-") && cursor.peek() != null && cursor.peek().kind() == SqlToken.Kind.NUMBER)
                {
                    final String number = "-" + cursor.next().text();
                    return new Item(number, ColumnKind.INTEGER, row -> number, null);
                }
                throw AdminErrors.syntax(cursor.sql(), token.position());
            default:
                break;
        }
        if (token.isWord("NULL"))
        {
            return new Item("NULL", ColumnKind.TEXT, row -> null, null);
        }
        if (token.isWord("CURRENT_USER") && (cursor.peek() == null || !cursor.peek().isSymbol("(")))
        {
            return function(session, "CURRENT_USER");
        }
        if (cursor.acceptSymbol("("))
        {
            cursor.expectSymbol(")");
            return function(session, token.upper());
        }
        final String column = token.text().toUpperCase(Locale.ROOT);
        return new Item(token.text(), ColumnKind.TEXT, row -> row.apply(column), column);
    }

    private static Item function(final ServerSession session, final String name)
    {
        return switch (name)
        {
            case "VERSION" -> new Item(name, ColumnKind.TEXT, row -> ServerSettings.DEFAULT_SERVER_VERSION, null);
            case "DATABASE", "SCHEMA" -> new Item(name, ColumnKind.TEXT, row -> session.schema(), null);
            case "USER", "SESSION_USER", "SYSTEM_USER" ->
                new Item(name, ColumnKind.TEXT, row -> session.user() + "@" + session.clientHost(), null);
            case "CURRENT_USER" -> new Item(name, ColumnKind.TEXT, row -> session.user() + "@%", null);
            case "CONNECTION_ID" -> new Item(name, ColumnKind.INTEGER, row -> String.valueOf(session.connectionId()), null);
            case "LAST_INSERT_ID", "ROW_COUNT", "FOUND_ROWS" -> new Item(name, ColumnKind.INTEGER, row -> "0", null);
            default -> throw AdminErrors.noSuchFunction(name);
        };
    }

    private ResultTable table(final ServerSession session, final TokenCursor cursor)
    {
        String schema = session.schema();
        String name = cursor.name();
        if (cursor.acceptSymbol("."))
        {
            schema = name;
            name = cursor.name();
        }
        if (schema == null && name.equalsIgnoreCase("DUAL"))
        {
            return null;
        }
        if (schema == null)
        {
            throw AdminErrors.noDatabaseSelected();
        }
        final String schemaName = schema;
        final String tableName = name;
        return tables.apply(schema.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))
            .orElseThrow(() -> AdminErrors.noSuchTable(schemaName, tableName));
    }

    /** LIMIT n, LIMIT offset, n or LIMIT n OFFSET offset: {offset, count}; everything when absent. */
    private static long[] limit(final TokenCursor cursor)
    {
        if (!cursor.acceptWords("LIMIT"))
        {
            return new long[] {0, Long.MAX_VALUE};
        }
        final long first = number(cursor);
        if (cursor.acceptSymbol(","))
        {
            return new long[] {first, number(cursor)};
        }
        if (cursor.acceptWords("OFFSET"))
        {
            return new long[] {number(cursor), first};
        }
        return new long[] {0, first};
    }

    /** An unsigned 64-bit integer as MySQL's LIMIT takes it (above Long.MAX_VALUE: all rows); a fraction or more is 1064. */
    private static long number(final TokenCursor cursor)
    {
        final SqlToken token = cursor.next();
        if (token.kind() != SqlToken.Kind.NUMBER)
        {
            throw AdminErrors.syntax(cursor.sql(), token.position());
        }
        try
        {
            final long value = Long.parseUnsignedLong(token.text());
            return value < 0 ? Long.MAX_VALUE : value;
        }
        catch (final NumberFormatException ex)
        {
            throw AdminErrors.syntax(cursor.sql(), token.position());
        }
    }

    private static TextResultSet result(final List<Item> items, final ResultTable table, final long[] limit)
    {
        final List<ResultColumn> columns = new ArrayList<>();
        final List<Item> expanded = new ArrayList<>();
        for (final Item item : items)
        {
            if (item.column() != null && item.column().equals("*"))
            {
                if (table == null)
                {
                    throw AdminErrors.noTablesUsed();
                }
                table.columnNames().forEach(name -> expanded.add(columnItem(name, name)));
            }
            else if (item.column() != null)
            {
                if (table == null || table.columnNames().stream().noneMatch(name -> name.equalsIgnoreCase(item.column())))
                {
                    throw AdminErrors.unknownColumn(item.label());
                }
                expanded.add(columnItem(item.label(), item.column()));
            }
            else
            {
                expanded.add(item);
            }
        }
        expanded.forEach(item -> columns.add(new ResultColumn(item.label(), item.kind())));
        final List<Function<String, String>> rows = table == null ? List.of(column -> null) : table.rowLookups();
        final List<List<String>> values = new ArrayList<>();
        rows.stream().skip(limit[0]).limit(limit[1]).forEach(row ->
        {
            final List<String> out = new ArrayList<>();
            expanded.forEach(item -> out.add(item.value().apply(row)));
            values.add(out);
        });
        return new TextResultSet(columns, values);
    }

    private static Item columnItem(final String label, final String column)
    {
        final String key = column.toUpperCase(Locale.ROOT);
        return new Item(label, ColumnKind.TEXT, row -> row.apply(key), null);
    }
}

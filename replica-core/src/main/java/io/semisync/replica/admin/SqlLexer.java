package io.semisync.replica.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a statement into {@link SqlToken}s as MySQL reads it: {@code /* ... *}{@code /}, {@code -- } and {@code #}
 * comments are skipped (the text of a {@code /*!} comment is kept, as MySQL executes it), strings take {@code ''} and
 * backslash escapes, and trailing semicolons are dropped, so what clients add around a statement does not matter.
 */
final class SqlLexer
{
    private static final Set<String> TWO_CHARACTER_SYMBOLS = Set.of("@@", "<>", "!=", "<=", ">=", ":=");

    private final String sql;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int at;
    private boolean inExecutableComment;

    private SqlLexer(final String sql)
    {
        this.sql = sql;
    }

    /**
     * The tokens of {@code sql}.
     *
     * @throws io.semisync.protocol.server.SqlErrorException a syntax error (1064) for an unterminated string or comment
     */
    static List<SqlToken> tokens(final String sql)
    {
        final SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        final List<SqlToken> tokens = lexer.tokens;
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";"))
        {
            tokens.remove(tokens.size() - 1);
        }
        return tokens;
    }

    private void run()
    {
        while (at < sql.length())
        {
            final char c = sql.charAt(at);
            if (Character.isWhitespace(c))
            {
                at++;
            }
            else if (sql.startsWith("/*", at))
            {
                comment();
            }
            else if (inExecutableComment && sql.startsWith("*/", at))
            {
                inExecutableComment = false;
                at += 2;
            }
            else if (c == '#' || isDashComment())
            {
                skipLine();
            }
            else if (c == '\'' || c == '"')
            {
                quoted(c, SqlToken.Kind.STRING);
            }
            else if (c == '`')
            {
                quoted(c, SqlToken.Kind.QUOTED_NAME);
            }
            else if (Character.isDigit(c) || (c == '.' && at + 1 < sql.length() && Character.isDigit(sql.charAt(at + 1))))
            {
                number();
            }
            else if (isWordPart(c) && c != '$')
            {
                word();
            }
            else
            {
                symbol();
            }
        }
        if (inExecutableComment)
        {
            throw AdminErrors.syntax(sql, sql.length());
        }
    }

    private void comment()
    {
        final int start = at;
        if (sql.startsWith("/*!", at))
        {
            at += 3;
            while (at < sql.length() && Character.isDigit(sql.charAt(at)))
            {
                at++;
            }
            inExecutableComment = true;
            return;
        }
        final int end = sql.indexOf("*/", at + 2);
        if (end < 0)
        {
            throw AdminErrors.syntax(sql, start);
        }
        at = end + 2;
    }

    /** {@code --} starts a comment only when followed by whitespace or the end, as in MySQL. */
    private boolean isDashComment()
    {
        return sql.startsWith("--", at) && (at + 2 == sql.length() || Character.isWhitespace(sql.charAt(at + 2)));
    }

    private void skipLine()
    {
        final int end = sql.indexOf('\n', at);
        at = end < 0 ? sql.length() : end + 1;
    }

    private void quoted(final char quote, final SqlToken.Kind kind)
    {
        final int start = at;
        final StringBuilder value = new StringBuilder();
        at++;
        while (true)
        {
            if (at >= sql.length())
            {
                throw AdminErrors.syntax(sql, start);
            }
            final char c = sql.charAt(at);
            if (c == quote)
            {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == quote)
                {
                    value.append(quote);
                    at += 2;
                    continue;
                }
                at++;
                break;
            }
            if (c == '\\' && kind == SqlToken.Kind.STRING && at + 1 < sql.length())
            {
                value.append(unescape(sql.charAt(at + 1)));
                at += 2;
                continue;
            }
            value.append(c);
            at++;
        }
        tokens.add(new SqlToken(kind, value.toString(), start));
    }

    /** MySQL's string escapes; {@code \%} and {@code \_} keep their backslash for LIKE. */
    private static String unescape(final char c)
    {
        return switch (c)
        {
            case '0' -> "\0";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'b' -> "\b";
            case 'Z' -> "\u001A";
            case '%', '_' -> "\\" + c;
            default -> String.valueOf(c);
        };
    }

    private void number()
    {
        final int start = at;
        while (at < sql.length() && (Character.isDigit(sql.charAt(at)) || sql.charAt(at) == '.'))
        {
            at++;
        }
        if (at < sql.length() && isWordPart(sql.charAt(at)))
        {
            // a name that starts with digits, such as 1st_table
            while (at < sql.length() && isWordPart(sql.charAt(at)))
            {
                at++;
            }
            tokens.add(new SqlToken(SqlToken.Kind.WORD, sql.substring(start, at), start));
            return;
        }
        tokens.add(new SqlToken(SqlToken.Kind.NUMBER, sql.substring(start, at), start));
    }

    private void word()
    {
        final int start = at;
        while (at < sql.length() && isWordPart(sql.charAt(at)))
        {
            at++;
        }
        tokens.add(new SqlToken(SqlToken.Kind.WORD, sql.substring(start, at), start));
    }

    private void symbol()
    {
        final int start = at;
        final int length = at + 2 <= sql.length() && TWO_CHARACTER_SYMBOLS.contains(sql.substring(at, at + 2)) ? 2 : 1;
        at += length;
        tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, sql.substring(start, at), start));
    }

    private static boolean isWordPart(final char c)
    {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}

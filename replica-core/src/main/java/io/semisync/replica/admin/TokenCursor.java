package io.semisync.replica.admin;

import io.semisync.protocol.server.SqlErrorException;

import java.util.List;
import java.util.Locale;

/** Walks the tokens of one statement; anything unexpected is a syntax error (1064) that quotes where it happened. */
final class TokenCursor
{
    private final String sql;
    private final List<SqlToken> tokens;
    private int next;

    TokenCursor(final String sql)
    {
        this.sql = sql;
        this.tokens = SqlLexer.tokens(sql);
    }

    String sql()
    {
        return sql;
    }

    /** Where the next token starts in the statement; its length at the end. */
    int position()
    {
        return atEnd() ? sql.length() : tokens.get(next).position();
    }

    boolean atEnd()
    {
        return next >= tokens.size();
    }

    /** The next token without taking it; null at the end. */
    SqlToken peek()
    {
        return atEnd() ? null : tokens.get(next);
    }

    /** Takes the next token. */
    SqlToken next()
    {
        if (atEnd())
        {
            throw syntaxError();
        }
        return tokens.get(next++);
    }

    /** Whether the next tokens are these keywords, in order (any case); takes nothing. */
    boolean isWords(final String... words)
    {
        for (int i = 0; i < words.length; i++)
        {
            if (next + i >= tokens.size() || !tokens.get(next + i).isWord(words[i]))
            {
                return false;
            }
        }
        return true;
    }

    /** Takes the keywords if they come next. */
    boolean acceptWords(final String... words)
    {
        if (isWords(words))
        {
            next += words.length;
            return true;
        }
        return false;
    }

    /** Takes one of the keywords if it comes next and returns it in upper case; null if none does. */
    String acceptAnyWord(final String... words)
    {
        for (final String word : words)
        {
            if (acceptWords(word))
            {
                return word.toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    void expectWords(final String... words)
    {
        if (!acceptWords(words))
        {
            throw syntaxError();
        }
    }

    boolean acceptSymbol(final String symbol)
    {
        if (!atEnd() && tokens.get(next).isSymbol(symbol))
        {
            next++;
            return true;
        }
        return false;
    }

    void expectSymbol(final String symbol)
    {
        if (!acceptSymbol(symbol))
        {
            throw syntaxError();
        }
    }

    /** A name: a word or a quoted name. */
    String name()
    {
        final SqlToken token = next();
        if (!token.isName())
        {
            next--;
            throw syntaxError();
        }
        return token.text();
    }

    /** A string literal. */
    String string()
    {
        final SqlToken token = next();
        if (token.kind() != SqlToken.Kind.STRING)
        {
            next--;
            throw syntaxError();
        }
        return token.text();
    }

    /** A value as SET takes it: a string, a number (with its sign), or a word such as ON; its text. */
    String value()
    {
        final boolean negative = acceptSymbol("-");
        final SqlToken token = next();
        if (token.kind() == SqlToken.Kind.SYMBOL || (negative && token.kind() != SqlToken.Kind.NUMBER))
        {
            next--;
            throw syntaxError();
        }
        return negative ? "-" + token.text() : token.text();
    }

    /** Throws unless every token was read. */
    void expectEnd()
    {
        if (!atEnd())
        {
            throw syntaxError();
        }
    }

    /** A syntax error at the next token (or the end). */
    SqlErrorException syntaxError()
    {
        return AdminErrors.syntax(sql, atEnd() ? sql.length() : tokens.get(next).position());
    }
}

package io.semisync.replica.admin;

import java.util.Locale;

/**
 * One token of a statement.
 *
 * @param kind     what it is
 * @param text     a word or symbol as written, a string's or quoted name's value without quotes and escapes
 * @param position where it starts in the statement, for error messages
 */
record SqlToken(Kind kind, String text, int position)
{
    /** What a token is. */
    enum Kind
    {
        /** A keyword or an unquoted name. */
        WORD,
        /** A name in backticks. */
        QUOTED_NAME,
        /** A string in single or double quotes. */
        STRING,
        NUMBER,
        /** Punctuation or an operator: {@code = , ( ) . * @@ @ <> !=} ... */
        SYMBOL
    }

    /** Whether this is the keyword {@code word} (any case). */
    boolean isWord(final String word)
    {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(final String symbol)
    {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether this can be a name: a word or a quoted name. */
    boolean isName()
    {
        return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }

    /** The text in upper case, for keywords. */
    String upper()
    {
        return text.toUpperCase(Locale.ROOT);
    }
}

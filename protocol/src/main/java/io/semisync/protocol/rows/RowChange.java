package io.semisync.protocol.rows;

/** What a row event did to a row; {@link #op()} is Debezium's one-letter operation. */
public enum RowChange
{
    INSERT('c'),
    UPDATE('u'),
    DELETE('d');

    private final char op;

    RowChange(final char op)
    {
        this.op = op;
    }

    /** {@code c}, {@code u} or {@code d}. */
    public char op()
    {
        return op;
    }
}

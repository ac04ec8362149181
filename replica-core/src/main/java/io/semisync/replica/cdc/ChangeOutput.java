package io.semisync.replica.cdc;

import io.semisync.protocol.rows.TableMap;

import java.util.Optional;

/**
 * Where change lines go. Each line holds its {@link ChangePosition}, so an output that keeps whole lines keeps its own
 * resume point with them.
 */
public interface ChangeOutput extends AutoCloseable
{
    /** The position of the last line already in the output, {@link ChangePosition#START} when it holds none. */
    ChangePosition lastPosition();

    /**
     * Adds one line.
     *
     * @param line   the line's bytes, UTF-8, without the newline.
     * @param length how many bytes of {@code line}.
     */
    void writeLine(byte[] line, int length);

    /**
     * Adds the line of one row change of {@code table} (DDL lines come through {@link #writeLine}); an output that routes
     * or keys lines by their table (Kafka: topic and primary key) overrides it.
     */
    default void writeRow(final byte[] line, final int length, final TableMap table)
    {
        writeLine(line, length);
    }

    /**
     * The name the feed registers its position under in the relay log, so that retention keeps what a restart resumes
     * from; empty for an output that keeps no position of its own (standard output).
     */
    default Optional<String> readerName()
    {
        return Optional.empty();
    }

    /**
     * Told after each step of the feed, before its {@link #flush()}, how far the feed is behind the relay log: durable
     * transactions it has still to read (a lower bound while {@code exact} is false). Nothing by default.
     */
    default void behind(final long transactions, final boolean exact)
    {
    }

    /** Pushes the lines written so far to their destination (a file: durably). */
    void flush();

    @Override
    void close();
}

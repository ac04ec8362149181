package io.semisync.protocol.rows;

/**
 * Receives the rows of a rows event from {@link RowsEventReader}, in order: per row {@link #beginRow}, then
 * each image (INSERT: after; DELETE: before; UPDATE: before then after) as {@link #beginImage}, one
 * {@link #column} per column present in that image (with {@code binlog_row_image=MINIMAL} or {@code NOBLOB}
 * some are absent), {@link #endImage}; then {@link #endRow}. The {@link ColumnValue} is reused: read it
 * inside the call.
 */
public interface RowVisitor
{
    default void beginRow(final RowChange change)
    {
    }

    default void beginImage(final RowImage image)
    {
    }

    void column(ColumnValue value);

    default void endImage(final RowImage image)
    {
    }

    default void endRow()
    {
    }
}

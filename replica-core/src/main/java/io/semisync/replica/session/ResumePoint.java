package io.semisync.replica.session;

/**
 * Where a stream starts: the transactions the replica holds ({@link GtidState}), or, from a source without GTIDs,
 * the binlog file and position after the last one ({@link BinlogPosition}). Saved as the relay log's checkpoint.
 */
public sealed interface ResumePoint permits GtidState, BinlogPosition
{
    /** The checkpoint's bytes: text with a prefix that names the kind. */
    byte[] toCheckpoint();

    /**
     * Reads a saved checkpoint.
     *
     * @throws IllegalStateException when the bytes are no checkpoint this replica wrote
     */
    static ResumePoint fromCheckpoint(final byte[] state)
    {
        return BinlogPosition.isCheckpoint(state) ? BinlogPosition.fromCheckpoint(state) : GtidState.fromCheckpoint(state);
    }
}

package io.semisync.replica.serve;

import io.semisync.replica.stream.ChainedAcks;

/**
 * What of the relay log a dump sends: from the start of the archive leaving out what the replica already has (a dump
 * by GTIDs), or from a source file and position ({@code fromFile} set); and whether MariaDB's ANNOTATE_ROWS events go
 * along (only when the replica's COM_BINLOG_DUMP asked for them).
 */
record DumpScope(ReplicaGtids replicaHas, String fromFile, long fromPosition, boolean annotateRows)
{
    /** A dump by GTIDs. */
    static DumpScope byGtids(final ReplicaGtids replicaHas, final boolean annotateRows)
    {
        return new DumpScope(replicaHas, null, 0, annotateRows);
    }

    /** A dump from {@code file} at {@code position}, an event boundary of the source's binlog file. */
    static DumpScope byPosition(final String file, final long position, final boolean annotateRows)
    {
        return new DumpScope(ReplicaGtids.NONE, file, position, annotateRows);
    }

    /** Whether {@code file}:{@code endPosition} comes before the position a dump by position starts at. */
    boolean isBeforeStart(final String file, final long endPosition)
    {
        if (fromFile == null)
        {
            return false;
        }
        final int order = compareFiles(file, fromFile);
        return order < 0 || (order == 0 && endPosition <= fromPosition);
    }

    /** Orders binlog file names of one server ({@link ChainedAcks.AckedPosition#compareFiles}). */
    static int compareFiles(final String a, final String b)
    {
        return ChainedAcks.AckedPosition.compareFiles(a, b);
    }
}

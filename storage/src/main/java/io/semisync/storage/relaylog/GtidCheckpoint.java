package io.semisync.storage.relaylog;

import java.util.Arrays;

/**
 * A saved GTID state: the executed GTID set (or MariaDB GTID position) of every transaction up to and including
 * {@code coveredIndex}, in replica-core's own encoding. To rebuild the current state, start from this and add the
 * GTIDs of the commit points after {@code coveredIndex} ({@link RelayLog#scanCommittedGtids}).
 *
 * @param coveredIndex relay log index up to which the state is complete.
 * @param state        opaque state bytes.
 */
public record GtidCheckpoint(long coveredIndex, byte[] state)
{
    /**
     * @param coveredIndex relay log index up to which the state is complete.
     * @param state        opaque state bytes, copied.
     */
    public GtidCheckpoint
    {
        state = state.clone();
    }

    /**
     * @return a copy of the state bytes.
     */
    @Override
    public byte[] state()
    {
        return state.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof GtidCheckpoint that && coveredIndex == that.coveredIndex &&
            Arrays.equals(state, that.state);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(coveredIndex) * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString()
    {
        return "GtidCheckpoint{coveredIndex=" + coveredIndex + ", state=" + state.length + " bytes}";
    }
}

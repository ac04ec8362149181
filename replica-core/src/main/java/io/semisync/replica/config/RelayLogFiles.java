package io.semisync.replica.config;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;

/** How much time one relay-log file covers: the unit retention deletes. */
public enum RelayLogFiles
{
    MINUTELY(LegacyRollCycles.MINUTELY),
    HOURLY(RollCycles.FAST_HOURLY),
    DAILY(RollCycles.FAST_DAILY);

    private final RollCycle rollCycle;

    RelayLogFiles(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
    }

    /** Chronicle Queue's roll cycle for files of this length. */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }
}

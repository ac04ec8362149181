package io.semisync.benchmarks.harness;

import io.semisync.benchmarks.load.LoadResult;
import io.semisync.sources.Flavor;

/**
 * One point measured in one round.
 *
 * @param source  what the source's own counters say of the measured interval
 * @param ours    what our replica counted in the measured interval; null for the other replicas
 * @param cpu     the CPU the machine, the replica and the source spent in the measured interval
 * @param disk    what the disk under the source's and the replica's data did in the measured interval
 */
record Measurement(Flavor flavor, Point point, int round, LoadResult load, SourceView source, OurReplicaCounts ours,
    CpuSnapshot.CpuUse cpu, DiskSnapshot.DiskUse disk)
{
    /**
     * ACKs per transaction: our replica's own count where it is ours, otherwise the source's count of ACKs it read
     * (MariaDB only); NaN where neither is known or no semisync replica is connected.
     */
    double acksPerTransaction()
    {
        if (point.configuration().semisyncClients() == 0)
        {
            return Double.NaN;
        }
        return ours != null ? ours.acksPerTransaction() : source.acksPerTransaction();
    }

    /** The share of our replica's ACKs a write of its ACK journal served; NaN for the other replicas. */
    double journalShare()
    {
        return ours == null ? Double.NaN : ours.journalShare();
    }
}

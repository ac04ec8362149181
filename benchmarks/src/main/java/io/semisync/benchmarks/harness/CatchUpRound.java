package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;

/**
 * One round of the catch-up benchmark against one flavor: ours and the flavor's binlog client on the same binlog.
 *
 * @param bytes  the source's binlog, all of which each side stored
 */
record CatchUpRound(Flavor flavor, int round, long bytes, OurCatchUp.Times ours, RawBinlogDownload.Times theirs)
{
}

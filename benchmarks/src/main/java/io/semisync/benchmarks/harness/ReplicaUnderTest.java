package io.semisync.benchmarks.harness;

import java.util.Optional;
import java.util.OptionalLong;

/** The replica a point measures with, as far as the harness checks on it while the source is under load. */
interface ReplicaUnderTest
{
    /** For the async configuration: nothing to check. */
    ReplicaUnderTest NONE = new ReplicaUnderTest()
    {
        @Override
        public void check()
        {
            // no replica, nothing that could have failed
        }

        @Override
        public String describe()
        {
            return "no replica should be connected";
        }
    };

    /** Throws, saying what is wrong, if the replica no longer replicates as the configuration says. */
    void check();

    /** The replica's state for an error message. */
    String describe();

    /** The replica's process on this machine, to see what CPU it spends; empty where there is none. */
    default OptionalLong processId()
    {
        return OptionalLong.empty();
    }

    /**
     * Transactions the replica stored and ACKs it sent so far, read while nothing commits on the source; empty for a
     * replica that does not print them.
     */
    default Optional<OurReplicaCounts> countsAtRest()
    {
        return Optional.empty();
    }
}

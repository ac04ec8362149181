package io.semisync.benchmarks.harness;

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
}

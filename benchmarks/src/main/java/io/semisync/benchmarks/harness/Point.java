package io.semisync.benchmarks.harness;

/** One measured cell of the table: a configuration at a number of client threads. */
record Point(Configuration configuration, int clients)
{
}

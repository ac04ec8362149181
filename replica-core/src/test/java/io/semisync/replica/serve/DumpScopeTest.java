package io.semisync.replica.serve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DumpScopeTest
{
    @Test
    void aDumpByPositionStartsAfterTheEventThatEndsThere()
    {
        final DumpScope scope = DumpScope.byPosition("binlog.000002", 1234, false);

        assertThat(scope.isBeforeStart("binlog.000001", 99_999)).isTrue();
        assertThat(scope.isBeforeStart("binlog.000002", 1234)).isTrue();
        assertThat(scope.isBeforeStart("binlog.000002", 1300)).isFalse();
        assertThat(scope.isBeforeStart("binlog.000003", 200)).isFalse();
    }

    @Test
    void aDumpByGtidsHasNothingBeforeItsStart()
    {
        assertThat(DumpScope.byGtids(ReplicaGtids.NONE, true).isBeforeStart("binlog.000001", 4)).isFalse();
    }

    @Test
    void fileNumbersOutgrowingTheirDigitsStillOrder()
    {
        assertThat(DumpScope.compareFiles("binlog.999999", "binlog.1000000")).isNegative();
        assertThat(DumpScope.compareFiles("binlog.000010", "binlog.000009")).isPositive();
        assertThat(DumpScope.compareFiles("binlog.000010", "binlog.000010")).isZero();
    }
}

package io.semisync.replica.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidSetQueryTest
{
    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String UUID_B = "4e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void aMysqlSetIsCompleteOnceEachOfItsGtidsIsTakenInAnyOrderOfUuids()
    {
        final GtidSetQuery query = GtidSetQuery.parse(UUID_A + ":2-3," + UUID_B + ":7");

        assertThat(query.take(UUID_A + ":1")).isFalse();
        assertThat(query.take(UUID_B + ":7")).isTrue();
        assertThat(query.take(UUID_A + ":2")).isTrue();
        assertThat(query.isComplete()).isFalse();
        assertThat(query.found()).isEqualTo("only " + UUID_B + ":7," + UUID_A + ":2");
        assertThat(query.take(UUID_A + ":3")).isTrue();
        assertThat(query.isComplete()).isTrue();
        assertThat(query.take("0-1-3")).as("a MariaDB GTID is never in a MySQL set").isFalse();
    }

    @Test
    void taggedGtidsAreTakenByTheirTag()
    {
        final GtidSetQuery query = GtidSetQuery.parse(UUID_A + ":2:ops:1-2");

        assertThat(query.take(UUID_A + ":1")).isFalse();
        assertThat(query.take(UUID_A + ":ops:1")).isTrue();
        assertThat(query.take(UUID_A + ":other:2")).as("another tag").isFalse();
        assertThat(query.take(UUID_A + ":2")).isTrue();
        assertThat(query.isComplete()).isFalse();
        assertThat(query.found()).isEqualTo("only " + UUID_A + ":2:ops:1");
        assertThat(query.take(UUID_A + ":ops:2")).isTrue();
        assertThat(query.isComplete()).isTrue();
    }

    @Test
    void aMariadbListTakesGtidsAndRanges()
    {
        final GtidSetQuery query = GtidSetQuery.parse("0-1-5, 0-1-7-8");

        assertThat(query.take("0-1-6")).isFalse();
        assertThat(query.take("0-2-7")).as("another server").isFalse();
        assertThat(query.take("0-1-5")).isTrue();
        assertThat(query.take("0-1-7")).isTrue();
        assertThat(query.found()).isEqualTo("2 of its 3 transactions");
        assertThat(query.take("0-1-8")).isTrue();
        assertThat(query.isComplete()).isTrue();
    }

    @Test
    void whatIsNeitherSaysWhatToGive()
    {
        assertThatThrownBy(() -> GtidSetQuery.parse(" ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("the GTID set is empty");
        assertThatThrownBy(() -> GtidSetQuery.parse("0-1-9-5")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'0-1-9-5' in '0-1-9-5' is neither a MariaDB GTID");
        assertThatThrownBy(() -> GtidSetQuery.parse("binlog.000001")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("neither a MariaDB GTID");
        assertThatThrownBy(() -> GtidSetQuery.parse("not-a-uuid:1")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not a MySQL GTID set");
    }
}

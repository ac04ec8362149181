package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OurCatchUpTest
{
    @Test
    void secondsFromTheJvmStartToTheTimeOfDayItsLogPrinted()
    {
        final Instant start = ZonedDateTime.of(2026, 12, 6, 14, 9, 57, 500_000_000, ZoneId.systemDefault()).toInstant();
        assertThat(OurCatchUp.secondsBetween(start, LocalTime.parse("14:09:59.738"))).isCloseTo(2.238, within(1e-9));
    }

    @Test
    void aLogLineAfterMidnightBelongsToTheNextDay()
    {
        final Instant start = ZonedDateTime.of(2026, 12, 6, 23, 59, 59, 0, ZoneId.systemDefault()).toInstant();
        assertThat(OurCatchUp.secondsBetween(start, LocalTime.parse("00:00:01.500"))).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void aLogTimeTruncatedToTheMillisecondBeforeTheStartCountsAsNoTime()
    {
        final Instant start = ZonedDateTime.of(2026, 12, 6, 14, 0, 0, 400_000, ZoneId.systemDefault()).toInstant();
        assertThat(OurCatchUp.secondsBetween(start, LocalTime.parse("14:00:00.000"))).isZero();
    }
}

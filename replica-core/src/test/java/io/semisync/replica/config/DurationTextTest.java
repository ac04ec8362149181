package io.semisync.replica.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest
{
    @Test
    void readsANumberWithItsUnit()
    {
        assertThat(DurationText.parse("2ms")).isEqualTo(Duration.ofMillis(2));
        assertThat(DurationText.parse("1.5ms")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(DurationText.parse(" 500 us ")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(DurationText.parse("1S")).isEqualTo(Duration.ofSeconds(1));
        assertThat(DurationText.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesANumberWithoutAUnitOrAnythingElse()
    {
        assertThatThrownBy(() -> DurationText.parse("2")).hasMessageContaining("write a number and a unit");
        assertThatThrownBy(() -> DurationText.parse("-2ms")).hasMessageContaining("'-2ms' is not a duration");
        assertThatThrownBy(() -> DurationText.parse("0.5ns")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void writesTheLargestWholeUnit()
    {
        assertThat(DurationText.format(Duration.ofMillis(2))).isEqualTo("2ms");
        assertThat(DurationText.format(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0");
        assertThat(DurationText.parse(DurationText.format(Duration.ofNanos(1_234)))).isEqualTo(Duration.ofNanos(1_234));
    }

    @Test
    void theAckDelaySettingTakesDurationsWithUnitsAndABound()
    {
        assertThat(Settings.ACK_DELAY.parse("2ms")).isEqualTo(Duration.ofMillis(2));
        assertThat(Settings.ACK_DELAY.defaultValue()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Settings.ACK_DELAY.parse("11s")).hasMessageContaining("11s is more than 10s");
    }
}

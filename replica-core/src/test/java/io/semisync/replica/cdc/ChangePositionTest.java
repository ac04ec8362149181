package io.semisync.replica.cdc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangePositionTest
{
    @Test
    void roundTripsThroughText()
    {
        final ChangePosition position = ChangePosition.parse("1234567:3");

        assertThat(position).isEqualTo(new ChangePosition(1234567, 3));
        assertThat(position.toString()).isEqualTo("1234567:3");
    }

    @Test
    void ordersByTransactionThenChange()
    {
        final ChangePosition position = new ChangePosition(10, 2);

        assertThat(position.isBefore(10, 3)).isTrue();
        assertThat(position.isBefore(11, 1)).isTrue();
        assertThat(position.isBefore(10, 2)).isFalse();
        assertThat(position.isBefore(9, 5)).isFalse();
        assertThat(ChangePosition.START.isBefore(0, 1)).isTrue();
    }

    @Test
    void badTextIsNamed()
    {
        for (final String text : new String[] {"12", "a:b", ":3", "-1:2", "1:"})
        {
            assertThatThrownBy(() -> ChangePosition.parse(text)).isInstanceOf(CdcException.class)
                .hasMessageContaining("'" + text + "' is not a change position");
        }
    }
}

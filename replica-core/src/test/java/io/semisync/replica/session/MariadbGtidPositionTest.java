package io.semisync.replica.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariadbGtidPositionTest
{
    @Test
    void parsesAndPrintsInDomainOrder()
    {
        assertThat(MariadbGtidPosition.parse("2-1-7,0-1-100,\n1-3-5").toString()).isEqualTo("0-1-100,1-3-5,2-1-7");
    }

    @Test
    void emptyTextAndEmptyElementsAreNothing()
    {
        assertThat(MariadbGtidPosition.parse("").toString()).isEmpty();
        assertThat(MariadbGtidPosition.parse("0-1-2,,").toString()).isEqualTo("0-1-2");
    }

    @Test
    void setReplacesTheDomainsLastGtid()
    {
        final MariadbGtidPosition position = MariadbGtidPosition.parse("0-1-10");
        position.set(0, 2, 11);
        position.set(5, 1, 1);

        assertThat(position.toString()).isEqualTo("0-2-11,5-1-1");
    }

    @Test
    void setAllMergesAnotherPosition()
    {
        final MariadbGtidPosition position = MariadbGtidPosition.parse("0-1-10,1-1-3");
        position.setAll(MariadbGtidPosition.parse("1-2-4,2-2-1"));

        assertThat(position.toString()).isEqualTo("0-1-10,1-2-4,2-2-1");
    }

    @Test
    void elementWithoutThreePartsIsRejectedByName()
    {
        assertThatThrownBy(() -> MariadbGtidPosition.parse("0-1-2,3-4"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'3-4'")
            .hasMessageContaining("domain-server-sequence");
    }

    @Test
    void badNumberIsRejectedNamingItsElement()
    {
        assertThatThrownBy(() -> MariadbGtidPosition.parse("0-1-x"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("0-1-x");
    }
}

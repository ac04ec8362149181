package io.semisync.replica.cdc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableFilterTest
{
    @Test
    void noPatternIncludesEverything()
    {
        assertThat(TableFilter.all().includesTable("shop", "orders")).isTrue();
        assertThat(TableFilter.all().includesDatabase("shop")).isTrue();
    }

    @Test
    void databasePatternIncludesItsTables()
    {
        final TableFilter filter = new TableFilter(List.of("shop_*"), List.of());

        assertThat(filter.includesTable("shop_eu", "orders")).isTrue();
        assertThat(filter.includesTable("shop", "orders")).isFalse();
        assertThat(filter.includesDatabase("shop_us")).isTrue();
    }

    @Test
    void tablePatternsWithWildcards()
    {
        final TableFilter filter = new TableFilter(List.of("*.audit_?", "crm.customers"), List.of());

        assertThat(filter.includesTable("shop", "audit_1")).isTrue();
        assertThat(filter.includesTable("shop", "audit_12")).isFalse();
        assertThat(filter.includesTable("crm", "customers")).isTrue();
        assertThat(filter.includesTable("crm", "leads")).isFalse();
        assertThat(filter.includesDatabase("crm")).isTrue();
    }

    @Test
    void excludeWinsOverInclude()
    {
        final TableFilter filter = new TableFilter(List.of("shop"), List.of("shop.secrets", "archive"));

        assertThat(filter.includesTable("shop", "orders")).isTrue();
        assertThat(filter.includesTable("shop", "secrets")).isFalse();
        assertThat(filter.includesDatabase("shop")).isTrue();
        assertThat(new TableFilter(List.of(), List.of("archive")).includesDatabase("archive")).isFalse();
    }

    @Test
    void dotsInTheRegexSenseAreLiteral()
    {
        final TableFilter filter = new TableFilter(List.of("a.b"), List.of());

        assertThat(filter.includesTable("a", "b")).isTrue();
        assertThat(filter.includesTable("a", "bb")).isFalse();
        assertThat(filter.includesTable("ax", "b")).isFalse();
    }

    @Test
    void malformedPatternIsNamed()
    {
        assertThatThrownBy(() -> new TableFilter(List.of("a.b.c"), List.of())).isInstanceOf(CdcException.class)
            .hasMessageContaining("'a.b.c' is not a table pattern");
        assertThatThrownBy(() -> new TableFilter(List.of(), List.of("shop."))).isInstanceOf(CdcException.class);
    }
}

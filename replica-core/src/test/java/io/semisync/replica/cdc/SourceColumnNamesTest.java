package io.semisync.replica.cdc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceColumnNamesTest
{
    @Test
    void enumAndSetValuesAreUnquoted()
    {
        assertThat(SourceColumnNames.values("enum('new','paid','it''s, done')")).containsExactly("new", "paid", "it's, done");
        assertThat(SourceColumnNames.values("set('a','b')")).containsExactly("a", "b");
        assertThat(SourceColumnNames.values("enum('')")).containsExactly("");
    }
}

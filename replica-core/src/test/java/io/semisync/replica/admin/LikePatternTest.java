package io.semisync.replica.admin;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LikePatternTest
{
    @Test
    void percentUnderscoreEscapesAndCase()
    {
        final String[][] matching = {
            {"rpl_semi_sync%", "rpl_semi_sync_replica_enabled"}, {"RPL%ENABLED", "rpl_semi_sync_replica_enabled"},
            {"%semi%", "Semisync_replica_state"}, {"a_c", "abc"}, {"a\\_c", "a_c"}, {"100\\%", "100%"}, {"%", ""},
            {"%a%b", "xaxbxb"}, {"é_", "É😀"}};
        final String[][] other = {{"a_c", "ac"}, {"a\\_c", "abc"}, {"", "x"}, {"%a%b", "xaxbxc"}};
        for (final String[] pair : matching)
        {
            assertThat(LikePattern.of(pair[0]).matches(pair[1])).as("'%s' LIKE '%s'", pair[1], pair[0]).isTrue();
        }
        for (final String[] pair : other)
        {
            assertThat(LikePattern.of(pair[0]).matches(pair[1])).as("'%s' LIKE '%s'", pair[1], pair[0]).isFalse();
        }
        assertThat(LikePattern.of("%").matches(null)).isFalse();
    }

    /** As a regular expression of 30 {@code .*} this backtracked for minutes on one admin connection (found by fuzzing). */
    @Test
    void manyPercentSignsThatCannotMatchAreRefusedInPatternTimesValueSteps()
    {
        final LikePattern pattern = LikePattern.of("%".repeat(30) + "x");
        final String value = "rpl_semi_sync_replica_enabled_".repeat(4);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pattern.matches(value))).isFalse();
    }
}

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
        assertThat(LikePattern.of("rpl_semi_sync%").matches("rpl_semi_sync_replica_enabled")).isTrue();
        assertThat(LikePattern.of("RPL%ENABLED").matches("rpl_semi_sync_replica_enabled")).isTrue();
        assertThat(LikePattern.of("%semi%").matches("Semisync_replica_state")).isTrue();
        assertThat(LikePattern.of("a_c").matches("abc")).isTrue();
        assertThat(LikePattern.of("a_c").matches("ac")).isFalse();
        assertThat(LikePattern.of("a\\_c").matches("abc")).isFalse();
        assertThat(LikePattern.of("a\\_c").matches("a_c")).isTrue();
        assertThat(LikePattern.of("100\\%").matches("100%")).isTrue();
        assertThat(LikePattern.of("%").matches("")).isTrue();
        assertThat(LikePattern.of("").matches("x")).isFalse();
        assertThat(LikePattern.of("%a%b").matches("xaxbxb")).isTrue();
        assertThat(LikePattern.of("%a%b").matches("xaxbxc")).isFalse();
        assertThat(LikePattern.of("é_").matches("É😀")).isTrue();
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

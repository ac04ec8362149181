package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest
{
    @Test
    void selectsConfigurationsByKeyInTheOrderOfTheTable()
    {
        assertThat(Configuration.parse(" async, OURS-tmpfs,native-default"))
            .containsExactly(Configuration.OURS_TMPFS, Configuration.NATIVE_DEFAULT, Configuration.ASYNC);
    }

    @Test
    void allSelectsEveryConfiguration()
    {
        assertThat(Configuration.parse("all")).containsExactly(Configuration.values());
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes()
    {
        assertThatThrownBy(() -> Configuration.parse("ours,native"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown configuration 'native'")
            .hasMessageContaining("ours,ours-group-wait,ours-tmpfs,ours-baseline,ours-after-commit,native-durable,native-default,native-durable-applier,"
                + "native-default-applier,async");
    }

    @Test
    void theGroupWaitIsMeasuredOnMariadbOnlyWithItsOption()
    {
        assertThat(Configuration.OURS_GROUP_WAIT.replicaArgs()).containsExactly("--group-commit-wait-us", "100");
        assertThat(Configuration.OURS.replicaArgs()).isEmpty();
        assertThat(Configuration.OURS_GROUP_WAIT.appliesTo(Flavor.MARIADB)).isTrue();
        assertThat(Configuration.OURS_GROUP_WAIT.appliesTo(Flavor.MYSQL)).isFalse();
    }

    @Test
    void onlyTheBaselineConfigurationRunsTheBaselineBuild()
    {
        assertThat(Arrays.stream(Configuration.values()).filter(Configuration::baselineBuild))
            .containsExactly(Configuration.OURS_BASELINE);
        assertThat(Configuration.OURS_BASELINE.replica()).isEqualTo(Configuration.Replica.OURS);
    }

    @Test
    void theAfterCommitWaitPointIsMeasuredOnMariadbOnly()
    {
        assertThat(Configuration.OURS_AFTER_COMMIT.sourceWaitPoint()).isEqualTo("AFTER_COMMIT");
        assertThat(Configuration.OURS_AFTER_COMMIT.appliesTo(Flavor.MARIADB)).isTrue();
        assertThat(Configuration.OURS_AFTER_COMMIT.appliesTo(Flavor.MYSQL)).isFalse();
        assertThat(Configuration.OURS_TMPFS.appliesTo(Flavor.MYSQL)).isTrue();
        assertThat(Configuration.OURS_TMPFS.relayLogPlace()).isEqualTo(Configuration.RelayLogPlace.TMPFS);
    }

    @Test
    void targetsApplyToOurProductConfigurationOnly()
    {
        assertThat(RatioTarget.of(Configuration.OURS, Configuration.NATIVE_DEFAULT, 1)).hasValueSatisfying(
            target -> assertThat(target.minimum()).isEqualTo(0.85));
        assertThat(RatioTarget.of(Configuration.OURS, Configuration.NATIVE_DURABLE, 1)).isEmpty();
        assertThat(RatioTarget.of(Configuration.OURS_TMPFS, Configuration.NATIVE_DEFAULT, 8)).isEmpty();
    }
}

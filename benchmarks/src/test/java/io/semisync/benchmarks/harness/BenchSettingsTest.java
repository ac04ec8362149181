package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchSettingsTest
{
    private static final List<String> REQUIRED = List.of("--source", "db1:3306", "--user", "bench", "--password-env", "PW",
        "--scratch-schema", "semisync_bench");

    @Test
    void theRequiredOptionsAloneGiveTheDefaults()
    {
        final BenchSettings settings = parse(REQUIRED);

        assertThat(settings.host()).isEqualTo("db1");
        assertThat(settings.port()).isEqualTo(3306);
        assertThat(settings.password()).isEqualTo("secret");
        assertThat(settings.clients()).containsExactly(1, 8);
        assertThat(settings.perPoint()).isEqualTo(Duration.ofSeconds(BenchSettings.DEFAULT_SECONDS));
        assertThat(settings.rounds()).isEqualTo(BenchSettings.DEFAULT_ROUNDS);
        assertThat(settings.toggleSemisync()).isFalse();
        assertThat(settings.reportDirectory()).isEqualTo(Path.of("benchmarks", "target", "bench-report"));
        assertThat(settings.toString()).doesNotContain("secret");
        assertThat(BenchConfiguration.of(settings)).extracting(BenchConfiguration::label).containsExactly("(1) ours, semisync");
    }

    @Test
    void eachAckDelayIsAConfigurationOfItsOwnAfterSemisyncOffAndOn()
    {
        final BenchSettings settings = parse(with("--toggle-semisync", "--ack-delay", "2ms, 10ms", "--ack-delay-jitter", "500us",
            "--clients", "4"));

        final List<BenchConfiguration> configurations = BenchConfiguration.of(settings);

        assertThat(configurations).extracting(BenchConfiguration::code).containsExactly("(0)", "(1)", "(1d1)", "(1d2)");
        assertThat(configurations).extracting(BenchConfiguration::semisync).containsExactly(false, true, true, true);
        assertThat(configurations.get(3).replicaArgs()).containsExactly("--ack-delay", "10ms", "--ack-delay-jitter", "500us");
        assertThat(configurations.get(3).label()).isEqualTo("(1d2) ours, semisync, ACK delayed 10ms +- 500us");
        assertThat(settings.clients()).containsExactly(4);
    }

    @Test
    void withoutTheScratchSchemaFlagItRefusesToRun()
    {
        assertThatThrownBy(() -> parse(REQUIRED.subList(0, 6)))
            .hasMessageContaining("refusing to run without --scratch-schema NAME");
    }

    @Test
    void aSystemSchemaOrANameThatIsNoPlainIdentifierIsRefused()
    {
        for (final String name : List.of("mysql", "Performance_Schema", "a;DROP", "a.b", ""))
        {
            final List<String> args = new ArrayList<>(REQUIRED);
            args.set(7, name);
            assertThatThrownBy(() -> parse(args)).as(name).hasMessageContaining("--scratch-schema must be");
        }
    }

    @Test
    void eachBadOrMissingSettingIsNamed()
    {
        assertThatThrownBy(() -> parse(List.of("--user", "u"))).hasMessageContaining("--source is missing");
        assertThatThrownBy(() -> parse(List.of("--source", "db1"))).hasMessageContaining("--source must be HOST:PORT");
        assertThatThrownBy(() -> parse(List.of("--source", "db1:x"))).hasMessageContaining("port of --source");
        assertThatThrownBy(() -> parse(with("--clients", "1,0"))).hasMessageContaining("--clients must be a positive whole number");
        assertThatThrownBy(() -> parse(with("--ack-delay-jitter", "1ms"))).hasMessageContaining("--ack-delay-jitter needs --ack-delay");
        assertThatThrownBy(() -> parse(with("--verbose"))).hasMessageContaining("unknown argument '--verbose'");
        assertThatThrownBy(() -> parse(with("--rounds"))).hasMessageContaining("--rounds needs a value");
        assertThatThrownBy(() -> BenchSettings.parse(REQUIRED, name -> null))
            .hasMessageContaining("the environment variable PW (--password-env) is not set");
    }

    private static List<String> with(final String... more)
    {
        final List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(more));
        return args;
    }

    private static BenchSettings parse(final List<String> args)
    {
        return BenchSettings.parse(args, name -> "PW".equals(name) ? "secret" : null);
    }
}

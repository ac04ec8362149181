package io.semisync.replica.cdc.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSinkStatusFilesTest
{
    private static final Instant WRITTEN = Instant.parse("2026-12-06T20:00:00.123Z");

    @TempDir
    Path dataDir;

    @Test
    void readsBackWhatEachSinkWroteByName() throws Exception
    {
        final KafkaSinkStatus archive = new KafkaSinkStatus("shop-archive", "semisync-archive-shop-00", false, "", 0, 7, false, 0, 0, WRITTEN);
        final KafkaSinkStatus cdc = new KafkaSinkStatus("shop-cdc", "semisync-cdc-shop-00", true, "123:4", 5000, 0, true, 1200, 3, WRITTEN);
        KafkaSinkStatusFiles.write(KafkaSinkStatusFiles.fileOf(dataDir, "shop-cdc"), cdc);
        KafkaSinkStatusFiles.write(KafkaSinkStatusFiles.fileOf(dataDir, "shop-archive"), archive);

        assertThat(KafkaSinkStatusFiles.read(dataDir)).containsExactly(archive, cdc);
        assertThat(archive.transactionsBehindText()).isEqualTo(">=7");
        assertThat(cdc.transactionsBehindText()).isEqualTo("0");
    }

    @Test
    void leavesOutAFileThatDoesNotReadAndFindsNoneWithoutTheDirectory() throws Exception
    {
        assertThat(KafkaSinkStatusFiles.read(dataDir)).isEmpty();
        final Path broken = KafkaSinkStatusFiles.fileOf(dataDir, "broken");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "running=true\n");

        assertThat(KafkaSinkStatusFiles.read(dataDir)).isEmpty();
    }

    @Test
    void callsARunningSinkSilentOnceItsFileIsOlderThanThirtySeconds()
    {
        final KafkaSinkStatus running = new KafkaSinkStatus("s-cdc", "id", true, "1:1", 1, 0, true, 0, 0, WRITTEN);

        assertThat(running.state(WRITTEN.plus(KafkaSinkStatus.SILENT_AFTER))).isEqualTo("RUNNING");
        assertThat(running.state(WRITTEN.plus(KafkaSinkStatus.SILENT_AFTER).plus(Duration.ofMillis(1)))).isEqualTo("SILENT");
        assertThat(new KafkaSinkStatus("s-cdc", "id", false, "1:1", 1, 0, true, 0, 0, WRITTEN).state(WRITTEN.plusSeconds(99)))
            .isEqualTo("STOPPED");
    }
}

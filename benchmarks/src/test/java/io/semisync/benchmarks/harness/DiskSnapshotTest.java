package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DiskSnapshotTest
{
    @Test
    void countsPerTransactionAndTheBusyShareOfTheInterval()
    {
        final DiskSnapshot before = new DiskSnapshot(1_000_000_000L, 100, 40, 2_000);
        final DiskSnapshot after = new DiskSnapshot(3_000_000_000L, 400, 240, 3_500);

        final DiskSnapshot.DiskUse use = after.since(before, 100);

        assertThat(use.writesPerTransaction()).isCloseTo(3.0, within(1e-9));
        assertThat(use.flushesPerTransaction()).isCloseTo(2.0, within(1e-9));
        assertThat(use.busyShare()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aDirectoryOnNoBlockDeviceHasNoFigure()
    {
        final DiskSnapshot before = DiskSnapshot.of(Path.of("/proc/self"));

        assertThat(before.flushes()).isEqualTo(DiskSnapshot.UNKNOWN);
        assertThat(DiskSnapshot.of(Path.of("/proc/self")).since(before, 10).flushesPerTransaction()).isNaN();
    }

    @Test
    void decodesDeviceNumbersAsGlibcDoes()
    {
        // makedev(252, 1) and makedev(259, 70000): the high bits of each go above the low 20
        assertThat(DiskSnapshot.major(0xfc01L)).isEqualTo(252);
        assertThat(DiskSnapshot.minor(0xfc01L)).isEqualTo(1);
        final long large = (70000L & 0xff) | ((259L & 0xfff) << 8) | ((70000L & ~0xffL) << 12);
        assertThat(DiskSnapshot.major(large)).isEqualTo(259);
        assertThat(DiskSnapshot.minor(large)).isEqualTo(70000);
    }
}

package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuSnapshotTest
{
    @Test
    void sharesOfTheMachineAndMicrosecondsPerTransactionOfEachProcess()
    {
        final CpuSnapshot before = new CpuSnapshot(100, 1_000, 10, 5, 50);
        final CpuSnapshot after = new CpuSnapshot(400, 2_000, 30, 25, 150);

        final CpuSnapshot.CpuUse use = after.since(before, 10);

        assertThat(use.busyShare()).isCloseTo(0.3, within(1e-9));
        assertThat(use.stealShare()).isCloseTo(0.02, within(1e-9));
        assertThat(use.replicaMicrosPerTransaction()).isCloseTo(20_000, within(1e-9));
        assertThat(use.sourceMicrosPerTransaction()).isCloseTo(100_000, within(1e-9));
    }

    @Test
    void aProcessNotOnThisMachineHasNoFigure()
    {
        final CpuSnapshot before = CpuSnapshot.take(OptionalLong.empty(), OptionalLong.of(Integer.MAX_VALUE + 1L));

        assertThat(before.replica()).isEqualTo(CpuSnapshot.UNKNOWN);
        assertThat(before.source()).isEqualTo(CpuSnapshot.UNKNOWN);
        assertThat(CpuSnapshot.take(OptionalLong.empty(), OptionalLong.empty()).since(before, 10).replicaMicrosPerTransaction()).isNaN();
    }

    @Test
    void readsThisProcessAndTheMachineFromProc()
    {
        final OptionalLong self = OptionalLong.of(ProcessHandle.current().pid());

        final CpuSnapshot snapshot = CpuSnapshot.take(self, self);

        assertThat(snapshot.replica()).isPositive();
        assertThat(snapshot.source()).as("the same process read again a moment later, by which its threads may have run another tick")
            .isBetween(snapshot.replica(), snapshot.replica() + 10);
        assertThat(snapshot.machineAll()).isGreaterThan(snapshot.machineBusy()).isGreaterThanOrEqualTo(snapshot.machineSteal());
    }

    @Test
    void aChildsCpuCountsOnceItHasEndedAndBeenWaitedFor() throws Exception
    {
        final long before = CpuSnapshot.childrenTicks();
        final Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done").start();
        assertThat(busy.waitFor()).isZero();

        assertThat(CpuSnapshot.childrenTicks()).isGreaterThan(before);
    }

    @Test
    void countsTheJitCompilersOfAJvmAndNoneElsewhere() throws Exception
    {
        final Process sleeper = new ProcessBuilder("sleep", "30").start();
        try
        {
            assertThat(CpuSnapshot.compilerTicks(OptionalLong.of(ProcessHandle.current().pid()))).as("this JVM compiled its tests").isPositive();
            assertThat(CpuSnapshot.compilerTicks(OptionalLong.of(sleeper.pid()))).isZero();
        }
        finally
        {
            sleeper.destroy();
        }
    }
}

package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogFullException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeSpaceGuardTest
{
    private static final Path DIRECTORY = Path.of("/data/relay-log");
    private static final long RECORD = 1_000;

    private final AtomicLong usable = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();
    private final FreeSpaceGuard guard = new FreeSpaceGuard(DIRECTORY, () ->
    {
        asked.incrementAndGet();
        return usable.get();
    });

    @Test
    void asksTheFileSystemOncePerMebibyteOfRecordsWhileThereIsRoom()
    {
        usable.set(FreeSpaceGuard.RESERVE_BYTES + (64L << 20));

        for (int record = 0; record < 2_048; record++)
        {
            guard.claim(1_024);
        }

        assertThat(asked).hasValue(2);
    }

    @Test
    void refusesARecordThatWouldLeaveLessThanTheReserveAndSaysWhatToDo()
    {
        usable.set(FreeSpaceGuard.RESERVE_BYTES + RECORD - 1);

        assertThatThrownBy(() -> guard.claim(RECORD))
            .isInstanceOf(RelayLogFullException.class)
            .hasMessageContaining("the file system of the relay log in " + DIRECTORY + " is full: " + (FreeSpaceGuard.RESERVE_BYTES + RECORD - 1)
                + " bytes usable, and a record of " + RECORD + " bytes must leave " + FreeSpaceGuard.RESERVE_BYTES)
            .hasMessageContaining("Free space on that file system")
            .hasMessageContaining("replication resumes by itself once there is room");
    }

    @Test
    void countsWhatItAllowedUntilItAsksAgainAndThenSeesTheFileSystemFull()
    {
        usable.set(FreeSpaceGuard.RESERVE_BYTES + 2 * RECORD);
        guard.claim(RECORD);
        guard.claim(RECORD);
        assertThat(asked).hasValue(1);
        usable.set(FreeSpaceGuard.RESERVE_BYTES);

        assertThatThrownBy(() -> guard.claim(RECORD)).isInstanceOf(RelayLogFullException.class);
        assertThat(asked).hasValue(2);
    }

    @Test
    void afterARefusalAllowsRecordsAgainOnlyOnceAnotherCheckIntervalIsFree()
    {
        usable.set(FreeSpaceGuard.RESERVE_BYTES + 200);
        guard.claim(100);
        assertThatThrownBy(() -> guard.claim(RECORD)).isInstanceOf(RelayLogFullException.class);

        assertThatThrownBy(() -> guard.claim(50)).as("a small record that would fit").isInstanceOf(RelayLogFullException.class);
        usable.set(FreeSpaceGuard.RESERVE_BYTES + FreeSpaceGuard.CHECK_INTERVAL_BYTES);
        assertThatThrownBy(() -> guard.claim(RECORD)).isInstanceOf(RelayLogFullException.class);
        usable.set(FreeSpaceGuard.RESERVE_BYTES + FreeSpaceGuard.CHECK_INTERVAL_BYTES + RECORD);
        guard.claim(RECORD);

        assertThat(asked).hasValue(5);
    }

    @Test
    void aRecordLargerThanTheCheckIntervalIsAllowedWhenItFits()
    {
        usable.set(FreeSpaceGuard.RESERVE_BYTES + (64L << 20));

        guard.claim(FreeSpaceGuard.CHECK_INTERVAL_BYTES * 3);
    }
}

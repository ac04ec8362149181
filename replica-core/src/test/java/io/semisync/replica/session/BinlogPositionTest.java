package io.semisync.replica.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogPositionTest
{
    @Test
    void checkpointRoundTripsThroughResumePoint()
    {
        final BinlogPosition position = new BinlogPosition("binlog.000012", 2_062_414);

        final ResumePoint read = ResumePoint.fromCheckpoint(position.toCheckpoint());

        assertThat(read).isEqualTo(position);
        assertThat(new String(position.toCheckpoint(), StandardCharsets.UTF_8)).isEqualTo("position:2062414:binlog.000012");
    }

    @Test
    void fileNamesWithColonsSurviveTheCheckpoint()
    {
        final BinlogPosition position = new BinlogPosition("host:3306-bin.000001", 4);

        assertThat(ResumePoint.fromCheckpoint(position.toCheckpoint())).isEqualTo(position);
        assertThat(position).hasToString("host:3306-bin.000001:4");
    }

    @Test
    void gtidCheckpointsStillReadAsGtidStates()
    {
        final ResumePoint read = ResumePoint.fromCheckpoint(GtidState.of(true, "0-1-42").toCheckpoint());

        assertThat(read).isInstanceOf(GtidState.class).hasToString("0-1-42");
    }

    @Test
    void rejectsPositionsBeforeTheFirstEventAndEmptyFileNames()
    {
        assertThatThrownBy(() -> new BinlogPosition("binlog.000001", 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("outside 4..");
        assertThatThrownBy(() -> new BinlogPosition("", 4)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("file name");
    }

    @Test
    void corruptPositionCheckpointNamesItsText()
    {
        assertThatThrownBy(() -> ResumePoint.fromCheckpoint("position:12x:binlog.000001".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("position:12x:binlog.000001");
        assertThatThrownBy(() -> ResumePoint.fromCheckpoint("position:2".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalStateException.class);
    }
}

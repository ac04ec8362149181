package io.semisync.replica;

import io.netty.handler.codec.DecoderException;
import io.semisync.protocol.framing.PacketTooLargeException;
import io.semisync.replica.session.FatalReplicationException;
import io.semisync.replica.stream.BinlogChecksumException;
import io.semisync.replica.stream.BinlogStreamException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedEventFailureTest
{
    private static final String STORED = "binlog.000003:863";

    @Test
    void aPacketTooLargeEveryTimeStopsAtTheLimitSayingWhatToRaise()
    {
        final RepeatedEventFailure failures = new RepeatedEventFailure(3);
        final PacketTooLargeException tooLarge = new PacketTooLargeException(70_000_000, 67_108_864);

        assertThat(failures.onFailure(tooLarge, STORED)).isNull();
        assertThat(failures.onFailure(new PacketTooLargeException(70_000_000, 67_108_864), STORED)).isNull();
        final FatalReplicationException fatal = failures.onFailure(tooLarge, STORED);

        assertThat(fatal).isNotNull().hasCause(tooLarge)
            .hasMessageContaining("3 times in a row")
            .hasMessageContaining("70000000")
            .hasMessageContaining("--replica-max-allowed-packet");
    }

    @Test
    void aPacketTooLargeAsTheFramingReportsItCountsToo()
    {
        final RepeatedEventFailure failures = new RepeatedEventFailure(2);
        final DecoderException framing = new DecoderException(new PacketTooLargeException(16_434, 4096));

        assertThat(failures.onFailure(framing, STORED)).isNull();
        assertThat(failures.onFailure(new DecoderException(new PacketTooLargeException(16_434, 4096)), STORED))
            .hasMessageContaining("16434").hasMessageContaining("--replica-max-allowed-packet");
    }

    @Test
    void aChecksumMismatchAtTheSamePositionStopsNamingTheBinlogCheck()
    {
        final RepeatedEventFailure failures = new RepeatedEventFailure(2);
        final BinlogChecksumException mismatch = new BinlogChecksumException("CRC32 mismatch in XID event ending at binlog.000003:900");

        assertThat(failures.onFailure(mismatch, STORED)).isNull();
        assertThat(failures.onFailure(mismatch, STORED)).hasMessageContaining("binlog.000003:900").hasMessageContaining("mysqlbinlog");
    }

    @Test
    void progressBetweenFailuresOrAnotherFailureStartsTheCountAfresh()
    {
        final RepeatedEventFailure failures = new RepeatedEventFailure(2);
        final BinlogChecksumException mismatch = new BinlogChecksumException("CRC32 mismatch in XID event ending at binlog.000003:900");

        assertThat(failures.onFailure(mismatch, STORED)).isNull();
        assertThat(failures.onFailure(mismatch, "binlog.000003:900")).as("the relay log moved on").isNull();
        assertThat(failures.onFailure(new BinlogStreamException("the source ended the binlog stream"), "binlog.000003:900")).isNull();
        assertThat(failures.onFailure(mismatch, "binlog.000003:900")).as("a lost connection in between").isNull();
        assertThat(failures.onFailure(new BinlogChecksumException("CRC32 mismatch in XID event ending at binlog.000003:990"),
            "binlog.000003:900")).as("another event").isNull();
    }

    @Test
    void failuresThatReconnectingMayFixNeverStop()
    {
        final RepeatedEventFailure failures = new RepeatedEventFailure(1);
        for (int i = 0; i < 10; i++)
        {
            assertThat(failures.onFailure(new EOFException("the source closed the connection"), STORED)).isNull();
        }
    }
}

package io.semisync.replica.cdc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamChangeOutputTest
{
    private static void write(final ChangeOutput output, final String line)
    {
        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        output.writeLine(bytes, bytes.length);
    }

    @Test
    void linesGoOutWithNewlinesOnFlushAndThePositionIsTheOneGiven()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final StreamChangeOutput output = new StreamChangeOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8),
            new ChangePosition(5, 2));

        write(output, "{\"position\":\"5:3\"}");
        write(output, "{\"position\":\"9:1\"}");
        assertThat(bytes.size()).as("buffered until flushed").isZero();
        output.flush();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"position\":\"5:3\"}\n{\"position\":\"9:1\"}\n");
        assertThat(output.lastPosition()).isEqualTo(new ChangePosition(5, 2));
    }

    @Test
    void closedReaderIsReportedWithHowToResume()
    {
        final OutputStream closed = new OutputStream()
        {
            @Override
            public void write(final int b) throws IOException
            {
                throw new IOException("Broken pipe");
            }
        };
        final StreamChangeOutput output = new StreamChangeOutput(new PrintStream(closed, false, StandardCharsets.UTF_8), ChangePosition.START);
        write(output, "{\"position\":\"5:3\"}");

        assertThatThrownBy(output::flush).isInstanceOf(CdcException.class)
            .hasMessageContaining("cannot write to standard output").hasMessageContaining("--from-position");
    }
}

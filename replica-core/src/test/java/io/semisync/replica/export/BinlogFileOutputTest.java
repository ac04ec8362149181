package io.semisync.replica.export;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogFileOutputTest
{
    @TempDir
    Path directory;

    @Test
    void aFileAppearsUnderItsNameOnlyWhenComplete() throws IOException
    {
        final BinlogFileOutput output = new BinlogFileOutput(directory, new ExpandableDirectByteBuffer(16));
        final byte[] event = new byte[40];
        event[17] = 0x03;                                   // header flags: in use (0x01) and another bit

        output.open("binlog.000007");
        output.append(new UnsafeBuffer(event), 0, event.length, BinlogExport.BINLOG_IN_USE_FLAG);
        assertThat(output.position()).isEqualTo(4 + 40);
        assertThat(directory.resolve("binlog.000007")).doesNotExist();
        output.complete();

        final byte[] written = Files.readAllBytes(directory.resolve("binlog.000007"));
        assertThat(written).hasSize(44).startsWith(BinlogFileOutput.MAGIC);
        assertThat(written[4 + 17]).as("only the cleared flag is gone").isEqualTo((byte)0x02);
        assertThat(directory.resolve("binlog.000007.partial")).doesNotExist();
    }

    @Test
    void anAbandonedFileLeavesNothingBehind()
    {
        final BinlogFileOutput output = new BinlogFileOutput(directory, new ExpandableDirectByteBuffer(16));
        output.open("binlog.000001");
        output.append(new UnsafeBuffer(new byte[2 << 20]), 0, 2 << 20, 0);

        output.abandon(new IllegalStateException("the failure"));

        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void aFileThatCannotBeCreatedIsNamedWithWhatToDo() throws IOException
    {
        Files.createFile(directory.resolve("binlog.000001.partial"));
        final BinlogFileOutput output = new BinlogFileOutput(directory, new ExpandableDirectByteBuffer(16));

        assertThatThrownBy(() -> output.open("binlog.000001"))
            .isInstanceOf(ExportException.class)
            .hasMessageContaining("cannot create " + directory.resolve("binlog.000001.partial"))
            .hasMessageContaining("check free space and permissions")
            .hasMessageContaining("empty the output directory and export again");
    }
}

package io.semisync.replica.serve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.server.SqlErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A downstream replica's COM_BINLOG_DUMP_GTID body of any bytes: it decodes, or fails with the error 1236 a MySQL
 * source answers; nothing else escapes, and no loop runs longer than the body is.
 */
class DumpRequestFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void anyDumpCommandBodyDecodesOrIsRefusedWith1236(final byte[] body)
    {
        try
        {
            DumpRequest.decodeGtid(Unpooled.wrappedBuffer(body));
        }
        catch (final SqlErrorException expected)
        {
            assertThat(expected.errorCode()).isEqualTo(1236);
        }
    }
}

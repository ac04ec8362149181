package io.semisync.it.protocol;

import static io.semisync.it.protocol.ProtocolTesting.await;
import static io.semisync.it.protocol.ProtocolTesting.config;
import static io.semisync.it.protocol.ProtocolTesting.connect;
import static io.semisync.it.protocol.ProtocolTesting.quit;
import static io.semisync.it.protocol.ProtocolTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.semisync.it.SourceServerExtension;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.framing.PacketTooLargeException;
import io.semisync.protocol.response.Row;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

/** Payloads of 16 MiB and more in both directions, and the configured maximum. */
@ExtendWith(SourceServerExtension.class)
class LargePacketIT
{
    private static final int MIB = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void twentyMibValueRoundTripsIntact(final Flavor flavor)
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        final MySqlConnection connection = connect(config(server, server.admin()).allowPublicKeyRetrieval(true).build());

        final Row row = await(connection.query("SELECT REPEAT('x', 20*1024*1024), 'after'")).rows().get(0);

        final byte[] value = row.getBytes(0);
        assertThat(value).hasSize(20 * MIB);
        for (int i = 0; i < value.length; i++)
        {
            if (value[i] != 'x')
            {
                throw new AssertionError("byte " + i + " is " + value[i]);
            }
        }
        assertThat(row.getString(1)).isEqualTo("after");
        assertThat(value(connection, "SELECT 1")).isEqualTo("1");
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void seventeenMibStatementIsSplitForTheServer(final Flavor flavor)
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        final MySqlConnection connection = connect(config(server, server.admin()).allowPublicKeyRetrieval(true).build());
        final int length = 17 * MIB;

        final String sql = "SELECT LENGTH('" + "y".repeat(length) + "')";

        assertThat(value(connection, sql)).isEqualTo(Integer.toString(length));
        quit(connection);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void packetBeyondTheConfiguredMaximumFailsCleanly(final Flavor flavor)
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        final MySqlConnection connection = connect(config(server, server.admin()).allowPublicKeyRetrieval(true).maxPacketSize(MIB).build());

        assertThatThrownBy(() -> await(connection.query("SELECT REPEAT('z', 2*1024*1024)")))
            .isInstanceOfSatisfying(PacketTooLargeException.class, tooLarge ->
            {
                assertThat(tooLarge.maxPayloadLength()).isEqualTo(MIB);
                assertThat(tooLarge.announcedLength()).isGreaterThan(MIB);
            });
        await(connection.closeFuture());
        assertThat(connection.isOpen()).isFalse();
    }
}

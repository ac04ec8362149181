package io.semisync.it.protocol;

import static io.semisync.it.protocol.ProtocolTesting.await;
import static io.semisync.it.protocol.ProtocolTesting.config;
import static io.semisync.it.protocol.ProtocolTesting.connect;
import static io.semisync.it.protocol.ProtocolTesting.quit;
import static io.semisync.it.protocol.ProtocolTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.semisync.it.SourceServerExtension;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.command.BinlogDumpFlags;
import io.semisync.protocol.command.ComBinlogDump;
import io.semisync.protocol.command.ComRegisterSlave;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.ResponseHeader;
import io.semisync.protocol.response.ResultSet;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

/** Text queries, OK and ERR answers, ping, quit, replica registration and the hand-over to a binlog stream. */
@ExtendWith(SourceServerExtension.class)
class CommandsIT
{
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void queriesWithBothEofStyles(final Flavor flavor)
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        for (final boolean deprecateEof : new boolean[] {true, false})
        {
            final MySqlConnection connection = connect(config(server, server.replicationUser())
                .allowPublicKeyRetrieval(true).deprecateEof(deprecateEof).build());

            final ResultSet result = await(connection.query("SELECT 1 AS one, NULL AS nothing, 'é' AS text UNION ALL SELECT 2, 'x', ''"));

            assertThat(result.columns()).extracting(column -> column.name()).containsExactly("one", "nothing", "text");
            assertThat(result.rows()).hasSize(2);
            assertThat(result.rows().get(0).getLong(0)).isEqualTo(1);
            assertThat(result.rows().get(0).isNull(1)).isTrue();
            assertThat(result.rows().get(0).getString(2)).isEqualTo("é");
            assertThat(result.rows().get(1).getString(1)).isEqualTo("x");
            assertThat(result.rows().get(1).getString(2)).isEmpty();
            quit(connection);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void executePingErrorsAndQuit(final Flavor flavor)
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        // The mysql schema exists on both flavors; temporary tables keep the shared source's binlog untouched.
        final MySqlConnection connection = connect(config(server, server.admin()).allowPublicKeyRetrieval(true).database("mysql").build());

        assertThat(value(connection, "SELECT DATABASE()")).isEqualTo("mysql");
        final OkPacket created = await(connection.execute("CREATE TEMPORARY TABLE protocol_it_t (id INT)"));
        assertThat(created.affectedRows()).isZero();
        assertThat(await(connection.execute("INSERT INTO protocol_it_t VALUES (1), (2), (3)")).affectedRows()).isEqualTo(3);
        await(connection.ping());

        assertThatThrownBy(() -> await(connection.query("SELEKT 1")))
            .isInstanceOfSatisfying(ServerErrorException.class, error ->
            {
                assertThat(error.errorCode()).isEqualTo(1064);
                assertThat(error.sqlState()).isEqualTo("42000");
            });
        assertThatThrownBy(() -> await(connection.execute("SELECT 1"))).isInstanceOf(ProtocolException.class);
        assertThat(value(connection, "SELECT COUNT(*) FROM protocol_it_t")).isEqualTo("3");

        await(connection.close());
        assertThat(connection.isOpen()).isFalse();
        assertThatThrownBy(() -> await(connection.ping())).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void registersAsReplicaAndStreamsTheBinlog(final Flavor flavor)
    {
        final SourceServer server = SourceServerExtension.shared(flavor);
        final MySqlConnection connection = connect(config(server, server.replicationUser()).allowPublicKeyRetrieval(true).build());
        final String checksumVariable = flavor == Flavor.MYSQL ? "@source_binlog_checksum" : "@master_binlog_checksum";
        await(connection.execute("SET " + checksumVariable + " = @@global.binlog_checksum"));
        if (flavor == Flavor.MARIADB)
        {
            await(connection.execute("SET @mariadb_slave_capability = 4"));
        }
        final String firstFile = await(connection.query("SHOW BINARY LOGS")).rows().get(0).getString(0);
        final long serverId = 4000 + flavor.ordinal();
        await(connection.command(new ComRegisterSlave(serverId, "protocol-it", "", "", 0)));

        final List<Integer> eventTypes = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> ended = new CompletableFuture<>();
        await(connection.startStream(new ComBinlogDump(4, BinlogDumpFlags.NON_BLOCK, serverId, firstFile), new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                final ByteBuf payload = (ByteBuf)msg;
                try
                {
                    final int header = ResponseHeader.of(payload);
                    if (header == ResponseHeader.OK)
                    {
                        eventTypes.add((int)payload.getUnsignedByte(payload.readerIndex() + 1 + 4));   // OK marker, timestamp, type
                    }
                    else
                    {
                        ended.complete(header);
                    }
                }
                finally
                {
                    payload.release();
                }
            }
        }));

        assertThat(await(ended)).as("end of a non-blocking dump").isEqualTo(ResponseHeader.EOF);
        assertThat(eventTypes).startsWith(4, 15);   // the fake ROTATE, then FORMAT_DESCRIPTION
        await(connection.close());
    }
}

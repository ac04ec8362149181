package io.semisync.protocol.server;

import static io.semisync.protocol.server.EmbeddedServer.CLIENT_CAPABILITIES;
import static io.semisync.protocol.server.EmbeddedServer.greeting;
import static io.semisync.protocol.server.EmbeddedServer.login;
import static io.semisync.protocol.server.EmbeddedServer.nativeAnswer;
import static io.semisync.protocol.server.EmbeddedServer.readHex;
import static io.semisync.protocol.server.EmbeddedServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.auth.MySqlNativePasswordPlugin;
import io.semisync.protocol.command.CommandCode;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.response.EofPacket;

/** The command loop against scripted client packets: answers byte for byte, one command at a time, hostile commands. */
class ServerCommandPhaseTest
{
    private static final String OK = "00" + "00" + "00" + "0200" + "0000";                     // OK: 0 rows, id 0, autocommit, no warnings
    private static final String END_OK = "fe" + "00" + "00" + "0200" + "0000";                 // the same with header 0xFE: result set end
    private static final String EOF = "fe" + "0000" + "0200";                                  // EOF: no warnings, autocommit

    private final TestHandler handler = new TestHandler();
    private final EmbeddedServer server = new EmbeddedServer(new ServerSettings()
        .maxPacketBytes(4096)
        .users(UserDirectory.of(ServerUser.withPassword("u", AuthMethod.MYSQL_NATIVE_PASSWORD, "pw"))), handler);

    @Test
    void resultSetEndsWithOkUnderDeprecateEof()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        query(channel, "SELECT rows");

        assertThat(readHex(channel, 1)).isEqualTo("03");                                    // 3 columns
        assertThat(readHex(channel, 2)).isEqualTo(hex(
            "03", Fixtures.ascii("def"),                // catalog
            "00", "00", "00",                           // schema, table, original table
            "04", Fixtures.ascii("name"),               // column label
            "00",                                       // original name
            "0c",                                       // fixed fields
            "ff 00",                                    // utf8mb4_0900_ai_ci
            "14 00 00 00",                              // length: 5 characters of 4 bytes
            "fd",                                       // VAR_STRING
            "01 00",                                    // NOT_NULL: no row holds NULL
            "1f",                                       // decimals: not fixed
            "00 00"));                                  // filler
        assertThat(readHex(channel, 3)).isEqualTo(hex(
            "03", Fixtures.ascii("def"), "00", "00", "00",
            "01", Fixtures.ascii("n"), "00", "0c",
            "3f 00",                                    // binary
            "01 00 00 00",                              // length: 1 digit
            "08",                                       // LONGLONG
            "80 80",                                    // BINARY | NUM, nullable
            "00", "00 00"));
        assertThat(readHex(channel, 4)).isEqualTo(hex(
            "03", Fixtures.ascii("def"), "00", "00", "00",
            "01", Fixtures.ascii("d"), "00", "0c",
            "3f 00",                                    // binary
            "06 00 00 00",                              // length of "-2.125"
            "f6",                                       // NEWDECIMAL
            "81 80",                                    // NOT_NULL | BINARY | NUM
            "03", "00 00"));                            // 3 decimals
        assertThat(readHex(channel, 5)).isEqualTo(hex(
            "05", Fixtures.ascii("alpha"),              // name
            "01", Fixtures.ascii("1"),                  // n
            "04", Fixtures.ascii("1.50")));             // d
        assertThat(readHex(channel, 6)).isEqualTo(hex(
            "05", "62c3aa7461",                         // "bêta" in UTF-8
            "fb",                                       // NULL
            "06", Fixtures.ascii("-2.125")));
        assertThat(readHex(channel, 7)).isEqualTo(END_OK);
        assertFalse(channel.finish());
    }

    @Test
    void resultSetHasEofPacketsWithoutDeprecateEof()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES & ~CapabilityFlags.CLIENT_DEPRECATE_EOF);

        query(channel, "SELECT rows");

        assertThat(readHex(channel, 1)).isEqualTo("03");
        EmbeddedServer.readPackets(channel, 3).forEach(ByteBuf::release);
        assertThat(readHex(channel, 5)).isEqualTo(EOF);                                     // after the column definitions
        EmbeddedServer.readPackets(channel, 2).forEach(ByteBuf::release);
        assertThat(readHex(channel, 8)).isEqualTo(EOF);                                     // after the rows
        assertFalse(channel.finish());
    }

    @Test
    void okResultCarriesAffectedRowsAndInfo()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        query(channel, "UPDATE t");

        assertThat(readHex(channel, 1)).isEqualTo(hex("00", "02", "00", "02 00", "00 00", Fixtures.ascii("Rows matched: 2")));
        assertFalse(channel.finish());
    }

    @Test
    void handlerErrorsBecomeErrPacketsAndTheConnectionStays()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        query(channel, "FAIL now");
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "28 04", "23", Fixtures.ascii("42000"), Fixtures.ascii("syntax error near 'FAIL now'")));
        query(channel, "BUG");
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "51 04", "23", Fixtures.ascii("HY000"), Fixtures.ascii("handler bug")));
        query(channel, "NULL");
        assertThat(readHex(channel, 1)).startsWith(hex("ff", "51 04"));
        query(channel, "THROW");
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "51 04", "23", Fixtures.ascii("HY000"), Fixtures.ascii("thrown")));

        send(channel, 0, Fixtures.bytes("0e"));                                             // COM_PING
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void answersPingResetAndSetOptionAsMySqlDoes()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);
        final EmbeddedChannel classic = loggedIn(CLIENT_CAPABILITIES & ~CapabilityFlags.CLIENT_DEPRECATE_EOF);

        send(channel, 0, Fixtures.bytes("0e"));                                             // COM_PING
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        send(channel, 0, Fixtures.bytes("1f"));                                             // COM_RESET_CONNECTION
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        send(channel, 0, Fixtures.bytes("1b", "00 00"));                                    // COM_SET_OPTION multi statements on
        assertThat(readHex(channel, 1)).isEqualTo(END_OK);
        send(classic, 0, Fixtures.bytes("1b", "01 00"));                                    // ... off, to a client without DEPRECATE_EOF
        assertThat(readHex(classic, 1)).isEqualTo(EOF);
        send(channel, 0, Fixtures.bytes("1b", "07 00"));                                    // an option MySQL does not know
        assertThat(readHex(channel, 1)).endsWith(Fixtures.ascii("Unknown command"));
        send(channel, 0, Fixtures.bytes("1b", "00"));                                       // truncated
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "2b 07", "23", Fixtures.ascii("HY000"), Fixtures.ascii("Malformed communication packet.")));
        assertFalse(channel.finish());
        assertFalse(classic.finish());
    }

    @Test
    void initDbSetsTheSchemaUnlessTheHandlerRefuses()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        send(channel, 0, Fixtures.bytes("02", Fixtures.ascii("db2")));
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        assertThat(handler.lastSession.schema()).isEqualTo("db2");
        send(channel, 0, Fixtures.bytes("02", Fixtures.ascii("nope")));
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "19 04", "23", Fixtures.ascii("42000"), Fixtures.ascii("Unknown database 'nope'")));
        send(channel, 0, Fixtures.bytes("02"));
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "16 04", "23", Fixtures.ascii("3D000"), Fixtures.ascii("No database selected")));
        assertThat(handler.lastSession.schema()).isEqualTo("db2");
        assertFalse(channel.finish());
    }

    @Test
    void unknownAndEmptyCommandsGetUnknownCommandAndTheConnectionStays()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        send(channel, 0, Fixtures.bytes("04", Fixtures.ascii("t"), "00"));                  // COM_FIELD_LIST
        assertThat(readHex(channel, 1)).isEqualTo(hex("ff", "17 04", "23", Fixtures.ascii("08S01"), Fixtures.ascii("Unknown command")));
        send(channel, 0, new byte[0]);
        assertThat(readHex(channel, 1)).endsWith(Fixtures.ascii("Unknown command"));
        send(channel, 0, Fixtures.bytes("0e"));
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void quitClosesTheConnection()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        send(channel, 0, Fixtures.bytes("01"));

        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void pipelinedCommandWaitsForTheAnswerBeforeItAnAsynchronousHandlerGives() throws Exception
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        channel.writeInbound(Unpooled.wrappedBuffer(
            Fixtures.packet(0, Fixtures.bytes("03", Fixtures.ascii("SLOW"))),
            Fixtures.packet(0, Fixtures.bytes("03", Fixtures.ascii("UPDATE t")))));
        channel.runPendingTasks();
        assertThat(handler.statements).containsExactly("SLOW");
        final Object written = channel.readOutbound();
        assertThat(written).isNull();
        assertThat(channel.config().isAutoRead()).isFalse();

        final Thread replicaLoop = new Thread(() -> handler.slow.complete(new OkResult(7, "")));
        replicaLoop.start();
        replicaLoop.join();
        channel.runPendingTasks();

        assertThat(readHex(channel, 1)).isEqualTo(hex("00", "07", "00", "02 00", "00 00"));  // SLOW's answer first
        assertThat(readHex(channel, 1)).startsWith(hex("00", "02"));                          // then the pipelined UPDATE's
        assertThat(handler.statements).containsExactly("SLOW", "UPDATE t");
        assertThat(channel.config().isAutoRead()).isTrue();
        assertFalse(channel.finish());
    }

    @Test
    void oversizedCommandGets1153AndOutOfOrderCommand1156ThenTheConnectionCloses()
    {
        final EmbeddedChannel oversized = loggedIn(CLIENT_CAPABILITIES);
        oversized.writeInbound(Fixtures.buffer("01 10 00", "00", "03"));                     // 4097 bytes announced, limit 4096
        assertThat(readHex(oversized, 0)).endsWith(Fixtures.ascii("Got a packet bigger than 'max_allowed_packet' bytes"));
        assertThat(oversized.isOpen()).isFalse();
        assertFalse(oversized.finish());

        final EmbeddedChannel disordered = loggedIn(CLIENT_CAPABILITIES);
        send(disordered, 3, Fixtures.bytes("0e"));
        assertThat(readHex(disordered, 0)).endsWith(Fixtures.ascii("Got packets out of order"));
        assertThat(disordered.isOpen()).isFalse();
        assertFalse(disordered.finish());
    }

    @Test
    void handlerCommandAnswersWithWhatItWrites()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        send(channel, 0, Fixtures.bytes("15", "01 02 03"));                                // COM_REGISTER_SLAVE with a body

        assertThat(readHex(channel, 1)).isEqualTo(OK);
        assertThat(handler.bodies).containsExactly("010203");
        send(channel, 0, Fixtures.bytes("0e"));
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void streamingHandlerCommandReceivesClientPacketsWhichDoNotMoveTheSequence()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        send(channel, 0, Fixtures.bytes("1e"));                                             // COM_BINLOG_DUMP_GTID, as the test handler plays it
        assertThat(readHex(channel, 1)).isEqualTo("00aa");                                  // asks for an ACK: the next packet is 1
        assertThat(readHex(channel, 1)).isEqualTo("00bb");
        send(channel, 0, Fixtures.bytes("ef", "01"));                                       // an ACK, numbered 0 as replicas do
        assertThat(readHex(channel, 2)).isEqualTo("00cc");                                  // the stream's own numbering goes on
        send(channel, 0, Fixtures.bytes("ef", "02"));
        assertThat(readHex(channel, 3)).isEqualTo(EOF);                                     // end of the stream
        assertThat(handler.acks).containsExactly("ef01", "ef02");

        send(channel, 0, Fixtures.bytes("0e"));                                             // back to commands
        assertThat(readHex(channel, 1)).isEqualTo(OK);
        assertFalse(channel.finish());
    }

    @Test
    void commandWithoutHandlerIsUnknown()
    {
        final EmbeddedChannel channel = loggedIn(CLIENT_CAPABILITIES);

        send(channel, 0, Fixtures.bytes("12", "04 00 00 00"));                              // COM_BINLOG_DUMP: the test handler has none

        assertThat(readHex(channel, 1)).endsWith(Fixtures.ascii("Unknown command"));
        assertFalse(channel.finish());
    }

    private EmbeddedChannel loggedIn(final long capabilities)
    {
        final EmbeddedChannel channel = server.connect();
        final byte[] scramble = greeting(channel).scramble();
        send(channel, 1, login(capabilities, "u", MySqlNativePasswordPlugin.NAME, nativeAnswer("pw", scramble), null));
        assertThat(readHex(channel, 2)).isEqualTo(OK);
        return channel;
    }

    private static void query(final EmbeddedChannel channel, final String sql)
    {
        send(channel, 0, Fixtures.bytes("03", Fixtures.ascii(sql)));
    }

    private static String hex(final String... fragments)
    {
        return String.join("", fragments).replace(" ", "");
    }

    /** {@link ScriptedHandler} plus a query answered later ({@code SLOW}) and two commands of its own. */
    private static final class TestHandler implements SessionHandler
    {
        private final ScriptedHandler scripted = new ScriptedHandler();
        final CompletableFuture<QueryResult> slow = new CompletableFuture<>();
        final List<String> statements = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<String> acks = new ArrayList<>();
        ServerSession lastSession;

        @Override
        public CompletionStage<QueryResult> query(final ServerSession session, final String sql)
        {
            lastSession = session;
            statements.add(sql);
            switch (sql)
            {
                case "SLOW":
                    return slow;
                case "UPDATE t":
                    return CompletableFuture.completedFuture(new OkResult(2, "Rows matched: 2"));
                case "NULL":
                    return null;
                case "THROW":
                    throw new IllegalArgumentException("thrown");
                case "FAIL now":
                    return CompletableFuture.failedFuture(new SqlErrorException(1064, "42000", "syntax error near 'FAIL now'"));
                default:
                    return scripted.query(session, sql);
            }
        }

        @Override
        public CompletionStage<Void> useSchema(final ServerSession session, final String schema)
        {
            lastSession = session;
            return scripted.useSchema(session, schema);
        }

        @Override
        public Optional<CommandHandler> command(final int commandCode)
        {
            if (commandCode == CommandCode.COM_REGISTER_SLAVE)
            {
                return Optional.of(exchange ->
                {
                    bodies.add(ByteBufUtil.hexDump(exchange.body()));
                    return exchange.write(ServerConnection.ok(0, ""));
                });
            }
            if (commandCode == CommandCode.COM_BINLOG_DUMP_GTID)
            {
                return Optional.of(this::stream);
            }
            return Optional.empty();
        }

        /** Two events, then one more after the first ACK, and the end after the second. */
        private CompletionStage<Void> stream(final CommandExchange exchange)
        {
            final CompletableFuture<Void> done = new CompletableFuture<>();
            exchange.onClientPacket(ack ->
            {
                acks.add(ByteBufUtil.hexDump(ack));
                final ServerMessage next = acks.size() == 1 ? event("cc") : EofPacket.of(0, 2);
                exchange.write(next);
                if (acks.size() == 2)
                {
                    done.complete(null);
                }
            });
            exchange.write(event("aa"));
            exchange.restartSequenceAt(1);
            exchange.write(event("bb"));
            return done;
        }

        private static ServerMessage event(final String hex)
        {
            return new Raw(Fixtures.bytes("00", hex));
        }
    }

    /** A packet of given bytes, as a binlog event would be sent. */
    private record Raw(byte[] payload) implements ServerMessage
    {
        @Override
        public int payloadLength()
        {
            return payload.length;
        }

        @Override
        public void writePayload(final ByteBuf out)
        {
            out.writeBytes(payload);
        }
    }
}

package io.semisync.protocol.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerErrorException;

class ResponsePacketsTest
{
    @Test
    void decodesOkPacket()
    {
        final OkPacket ok = OkPacket.decode(Fixtures.buffer(
            "00",                     // OK header
            "fc 2c 01",               // affected rows 300
            "05",                     // last insert id 5
            "03 00",                  // status: in transaction, autocommit
            "01 00",                  // 1 warning
            Fixtures.ascii("done"))); // info

        assertThat(ok).isEqualTo(new OkPacket(300, 5, 3, 1, "done"));
    }

    @Test
    void errPacketFlyweightAtNonZeroOffset()
    {
        final ByteBuf buffer = Fixtures.buffer(
            "ee ee",                              // unrelated bytes
            "ff",                                 // ERR header
            "15 04",                              // error 1045
            "23",                                 // '#' marker
            Fixtures.ascii("28000"),              // SQL state
            Fixtures.ascii("Access denied"),      // message
            "ee");                                // unrelated byte after the packet
        final ErrPacket err = new ErrPacket().wrap(buffer, 2, buffer.readableBytes() - 3);

        assertThat(err.errorCode()).isEqualTo(1045);
        assertThat(err.sqlState()).isEqualTo("28000");
        assertThat(err.message()).isEqualTo("Access denied");
        final ServerErrorException ex = err.toException();
        assertThat(ex.errorCode()).isEqualTo(1045);
        assertThat(ex.sqlState()).isEqualTo("28000");
        assertThat(ex).hasMessageContaining("Access denied");
    }

    @Test
    void errPacketWithoutSqlState()
    {
        final ServerErrorException ex = ErrPacket.toException(Fixtures.buffer(
            "ff",                                     // ERR header
            "10 04",                                  // error 1040
            Fixtures.ascii("Too many connections"))); // message, no SQL state before capabilities are agreed

        assertThat(ex.errorCode()).isEqualTo(1040);
        assertThat(ex.sqlState()).isEqualTo("HY000");
        assertThat(ex.serverMessage()).isEqualTo("Too many connections");
    }

    @Test
    void eofPacketFlyweightAtNonZeroOffset()
    {
        final ByteBuf buffer = Fixtures.buffer(
            "00 00 00",   // unrelated bytes
            "fe",         // EOF header
            "02 00",      // 2 warnings
            "22 00");     // status: autocommit, no index used
        final EofPacket eof = new EofPacket().wrap(buffer, 3, 5);

        assertThat(eof.warnings()).isEqualTo(2);
        assertThat(eof.statusFlags()).isEqualTo(0x22);
        assertThatThrownBy(() -> new EofPacket().wrap(buffer, 0, 5)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void decodesColumnDefinition()
    {
        final ColumnDefinition column = ColumnDefinition.decode(Fixtures.buffer(
            "03", Fixtures.ascii("def"),      // catalog
            "05", Fixtures.ascii("mysql"),    // schema
            "01", Fixtures.ascii("u"),        // table alias
            "04", Fixtures.ascii("user"),     // table
            "02", Fixtures.ascii("nm"),       // column alias
            "04", Fixtures.ascii("User"),     // column
            "0c",                             // length of fixed fields
            "2d 00",                          // collation 45
            "80 00 00 00",                    // column length 128
            "fe",                             // type STRING
            "03 40",                          // flags
            "00",                             // decimals
            "00 00"));                        // filler

        assertThat(column).isEqualTo(new ColumnDefinition("mysql", "u", "user", "nm", "User", 45, 128, 0xFE, 0x4003, 0));
    }

    @Test
    void decodesTextRowWithNull()
    {
        final Row row = Row.decode(Fixtures.buffer(
            "02", Fixtures.ascii("42"),   // "42"
            "fb",                         // NULL
            "00"),                        // empty string
            3);

        assertThat(row.getLong(0)).isEqualTo(42);
        assertThat(row.isNull(1)).isTrue();
        assertThat(row.getString(1)).isNull();
        assertThat(row.getString(2)).isEmpty();
        assertThatThrownBy(() -> Row.decode(Fixtures.buffer("01 61"), 2)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void tellsResultSetEndFromRows()
    {
        assertThat(ResponseHeader.isResultSetEnd(Fixtures.buffer("fe 00 00 02 00"), false)).isTrue();
        assertThat(ResponseHeader.isResultSetEnd(Fixtures.buffer("fe 00 00 02 00 00 00"), true)).isTrue();
        assertThat(ResponseHeader.isResultSetEnd(Fixtures.buffer("fe 00 00 00 01 00 00 00 00 61"), false)).isFalse();
        assertThat(ResponseHeader.isResultSetEnd(Fixtures.buffer("01 61"), true)).isFalse();
    }

    @Test
    void encodesOkPacketAndItsResultSetEndForm()
    {
        final OkPacket ok = new OkPacket(300, 0, ServerStatus.SERVER_STATUS_AUTOCOMMIT, 0, "Rows matched: 1");

        assertThat(Fixtures.hexOf(Fixtures.payloadOf(ok))).isEqualTo(hex(
            "00",                                   // OK header
            "fc 2c 01",                             // affected rows 300
            "00",                                   // last insert id 0
            "02 00",                                // status: autocommit
            "00 00",                                // no warnings
            Fixtures.ascii("Rows matched: 1")));    // info, to the end
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(ok.asResultSetEnd()))).startsWith("fe" + "fc2c01");
        assertThat(OkPacket.decode(Fixtures.payloadOf(ok.asResultSetEnd()))).isEqualTo(ok);
        assertThat(ok.payloadLength()).isEqualTo(1 + 3 + 1 + 4 + 15);
    }

    @Test
    void encodesErrPacketWithAndWithoutSqlState()
    {
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(ErrPacket.of(1047, "08S01", "Unknown command")))).isEqualTo(hex(
            "ff",                                   // ERR header
            "17 04",                                // error 1047
            "23",                                   // '#' marker
            Fixtures.ascii("08S01"),                // SQL state
            Fixtures.ascii("Unknown command")));    // message
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(ErrPacket.of(1043, null, "Bad handshake"))))
            .isEqualTo(hex("ff", "13 04", Fixtures.ascii("Bad handshake")));
        assertThatThrownBy(() -> ErrPacket.of(1, "123", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesEofPacket()
    {
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(EofPacket.of(1, ServerStatus.SERVER_STATUS_AUTOCOMMIT))))
            .isEqualTo(hex("fe", "01 00", "02 00"));                 // header, 1 warning, autocommit
    }

    @Test
    void encodesColumnDefinition()
    {
        final ColumnDefinition column = new ColumnDefinition("", "", "", "n", "", 63, 21, ColumnTypes.LONGLONG,
            ColumnTypes.BINARY_FLAG | ColumnTypes.NUM_FLAG, 0);

        final ByteBuf payload = Fixtures.payloadOf(column);

        assertThat(Fixtures.hexOf(payload)).isEqualTo(hex(
            "03", Fixtures.ascii("def"),    // catalog
            "00",                           // schema
            "00",                           // table
            "00",                           // original table
            "01", Fixtures.ascii("n"),      // name
            "00",                           // original name
            "0c",                           // length of the fixed fields
            "3f 00",                        // collation 63, binary
            "15 00 00 00",                  // column length 21
            "08",                           // LONGLONG
            "80 80",                        // BINARY_FLAG | NUM_FLAG
            "00",                           // decimals
            "00 00"));                      // filler
        assertThat(ColumnDefinition.decode(payload)).isEqualTo(column);
    }

    @Test
    void encodesTextRowWithNullAndColumnCount()
    {
        final Row row = Row.text(Arrays.asList("ab", null, ""));

        assertThat(Fixtures.hexOf(Fixtures.payloadOf(row))).isEqualTo(hex(
            "02", Fixtures.ascii("ab"),     // "ab"
            "fb",                           // NULL
            "00"));                         // ""
        assertThat(Row.decode(Fixtures.payloadOf(row), 3).isNull(1)).isTrue();
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(new ColumnCount(3)))).isEqualTo("03");
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(new ColumnCount(300)))).isEqualTo("fc2c01");
    }

    private static String hex(final String... fragments)
    {
        return String.join("", fragments).replace(" ", "");
    }
}

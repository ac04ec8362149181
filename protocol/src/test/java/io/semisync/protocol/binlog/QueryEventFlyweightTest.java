package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryEventFlyweightTest
{
    private final QueryEventFlyweight query = new QueryEventFlyweight();

    /** A QUERY event with checksum: schema "shop", two status variable bytes, then the statement. */
    private static byte[] queryEvent(final String statement)
    {
        final byte[] text = statement.getBytes(StandardCharsets.UTF_8);
        final int size = EventHeaderFlyweight.LENGTH + 13 + 2 + 5 + text.length + BinlogChecksum.LENGTH;
        return BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                                 // timestamp
            "02",                                          // type 2 QUERY
            "01 00 00 00",                                 // server_id 1
            String.format("%02x 00 00 00", size),          // event size
            "00 10 00 00",                                 // log_pos 4096
            "00 00",                                       // flags
            "07 00 00 00",                                 // thread id 7
            "01 00 00 00",                                 // execution time 1 s
            "04",                                          // schema length 4
            "00 00",                                       // error code 0
            "02 00",                                       // status variables length 2
            "0c 00",                                       // status variables (opaque here)
            Fixtures.ascii("shop"), "00",                  // schema and its NUL
            Fixtures.ascii(statement)));                   // statement, up to the checksum
    }

    private QueryEventFlyweight wrap(final byte[] event)
    {
        return query.wrap(BinlogEvents.heapAt(event, 6), 6, event.length, BinlogChecksum.LENGTH);
    }

    @Test
    void realBeginEvent()
    {
        final byte[] event = CapturedMysqlEvents.QUERY_BEGIN;
        query.wrap(BinlogEvents.directAt(event, 8), 8, event.length, BinlogChecksum.LENGTH);

        assertThat(query.statement()).isEqualTo("BEGIN");
        assertThat(query.isBegin()).isTrue();
        assertThat(query.isCommitOrRollback()).isFalse();
    }

    @Test
    void statementFollowsStatusVariablesAndSchema()
    {
        wrap(queryEvent("INSERT INTO t VALUES (1)"));

        assertThat(query.statement()).isEqualTo("INSERT INTO t VALUES (1)");
        assertThat(query.isBegin()).isFalse();
        assertThat(query.isCommitOrRollback()).isFalse();
    }

    @Test
    void withoutChecksumTheStatementRunsToTheEnd()
    {
        final byte[] withCrc = queryEvent("COMMIT");
        final byte[] event = Arrays.copyOf(withCrc, withCrc.length - BinlogChecksum.LENGTH);
        query.wrap(BinlogEvents.heapAt(event, 1), 1, event.length, 0);

        assertThat(query.statement()).isEqualTo("COMMIT");
        assertThat(query.isCommitOrRollback()).isTrue();
    }

    @Test
    void beginCommitAndRollbackAreRecognisedInAnyCase()
    {
        assertThat(wrap(queryEvent("BEGIN")).isBegin()).isTrue();
        assertThat(wrap(queryEvent("begin")).isBegin()).isTrue();
        assertThat(wrap(queryEvent("COMMIT")).isCommitOrRollback()).isTrue();
        assertThat(wrap(queryEvent("Commit")).isCommitOrRollback()).isTrue();
        assertThat(wrap(queryEvent("ROLLBACK")).isCommitOrRollback()).isTrue();
        assertThat(wrap(queryEvent("rollback")).isCommitOrRollback()).isTrue();
    }

    @Test
    void statementsThatMerelyStartLikeBeginOrCommitDoNotCount()
    {
        assertThat(wrap(queryEvent("BEGINNING")).isBegin()).isFalse();
        assertThat(wrap(queryEvent("BEGI")).isBegin()).isFalse();
        assertThat(wrap(queryEvent("COMMITTED")).isCommitOrRollback()).isFalse();
        assertThat(wrap(queryEvent("COMMIT")).isBegin()).isFalse();
        assertThat(wrap(queryEvent("BEGIN")).isCommitOrRollback()).isFalse();
    }

    /**
     * MySQL logs {@code ROLLBACK TO `sp`} inside a transaction that touched a non-transactional table after
     * a savepoint; the transaction goes on (mysql-server {@code Query_log_event::ends_group} excludes
     * "ROLLBACK TO ").
     */
    @Test
    void rollbackToSavepointDoesNotEndTheTransaction()
    {
        assertThat(wrap(queryEvent("ROLLBACK TO `sp1`")).isCommitOrRollback()).isFalse();
    }

    /**
     * An XA transaction opens with {@code XA START xid} instead of BEGIN and ends with XA_PREPARE (mysql-server
     * {@code Transaction_boundary_parser}: "BEGIN" or a statement starting "XA START" begins a transaction).
     */
    @Test
    void xaStartOpensATransactionLikeBegin()
    {
        assertThat(wrap(queryEvent("XA START X'7831',X'',1")).isBegin()).isTrue();
        assertThat(wrap(queryEvent("XA END X'7831',X'',1")).isBegin()).isFalse();
        assertThat(wrap(queryEvent("XA END X'7831',X'',1")).isCommitOrRollback()).isFalse();
    }

    @Test
    void tooShortForThePostHeaderIsMalformed()
    {
        final byte[] event = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                                 // timestamp
            "02",                                          // type 2 QUERY
            "01 00 00 00",                                 // server_id 1
            "20 00 00 00",                                 // event size 32
            "00 10 00 00",                                 // log_pos
            "00 00",                                       // flags
            "07 00 00 00",                                 // thread id
            "01 00 00 00",                                 // execution time
            "04"));                                        // schema length, then nothing
        assertThatThrownBy(() -> wrap(event))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("QUERY event of 32 bytes is too short");
    }

    @Test
    void statusVariablesBeyondTheEndAreMalformed()
    {
        final byte[] event = BinlogEvents.withCrc(Fixtures.bytes(
            "00 00 00 00",                                 // timestamp
            "02",                                          // type 2 QUERY
            "01 00 00 00",                                 // server_id 1
            "2a 00 00 00",                                 // event size 42
            "00 10 00 00",                                 // log_pos
            "00 00",                                       // flags
            "07 00 00 00",                                 // thread id
            "01 00 00 00",                                 // execution time
            "00",                                          // schema length 0
            "00 00",                                       // error code
            "ff 00",                                       // status variables length 255: beyond the event
            "00 00 00 00 00 00"));                         // six bytes
        assertThatThrownBy(() -> wrap(event))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("status variables (255)")
            .hasMessageContaining("beyond its end");
    }
}

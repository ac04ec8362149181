package io.semisync.replica.stream;

import io.semisync.protocol.binlog.BinlogEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionBoundariesTest
{
    private final TransactionBoundaries transactions = new TransactionBoundaries();

    private boolean event(final int type)
    {
        return transactions.completes(type, false, false);
    }

    private boolean begin()
    {
        return transactions.completes(BinlogEventType.QUERY, true, false);
    }

    private boolean commit()
    {
        return transactions.completes(BinlogEventType.QUERY, false, true);
    }

    private boolean statement()
    {
        return transactions.completes(BinlogEventType.QUERY, false, false);
    }

    @Test
    void mysqlDmlEndsWithItsXid()
    {
        transactions.gtid(false);
        assertThat(transactions.inTransaction()).isTrue();
        assertThat(begin()).isFalse();
        assertThat(event(BinlogEventType.TABLE_MAP)).isFalse();
        assertThat(event(BinlogEventType.WRITE_ROWS_V2)).isFalse();
        assertThat(transactions.inTransaction()).isTrue();
        assertThat(event(BinlogEventType.XID)).isTrue();
        assertThat(transactions.inTransaction()).isFalse();
    }

    @Test
    void statementsInsideBeginDoNotEndTheTransaction()
    {
        transactions.gtid(false);
        assertThat(begin()).isFalse();
        assertThat(statement()).isFalse();
        assertThat(statement()).isFalse();
        assertThat(event(BinlogEventType.ROWS_QUERY)).isFalse();
        assertThat(event(BinlogEventType.XID)).isTrue();
    }

    @Test
    void mysqlDdlIsTheOneStatementAfterItsGtid()
    {
        transactions.gtid(false);
        assertThat(statement()).isTrue();
        assertThat(transactions.inTransaction()).isFalse();
    }

    @Test
    void mariadbGtidStandsForBegin()
    {
        transactions.gtid(true);
        assertThat(event(BinlogEventType.TABLE_MAP)).isFalse();
        assertThat(event(BinlogEventType.WRITE_ROWS_V1)).isFalse();
        assertThat(statement()).as("a statement inside the implicit transaction").isFalse();
        assertThat(event(BinlogEventType.XID)).isTrue();
        assertThat(transactions.inTransaction()).isFalse();
    }

    @Test
    void mariadbStandaloneGtidIsFollowedByOneQuery()
    {
        transactions.gtid(false);
        assertThat(statement()).isTrue();
        assertThat(event(BinlogEventType.MARIADB_BINLOG_CHECKPOINT)).as("outside any transaction").isTrue();
    }

    @Test
    void compressedTransactionIsOnePayloadEvent()
    {
        transactions.gtid(false);
        assertThat(event(BinlogEventType.TRANSACTION_PAYLOAD)).isTrue();
        assertThat(transactions.inTransaction()).isFalse();
    }

    @Test
    void xaTransactionEndsWithXaPrepare()
    {
        transactions.gtid(false);
        assertThat(begin()).as("XA START").isFalse();
        assertThat(event(BinlogEventType.TABLE_MAP)).isFalse();
        assertThat(event(BinlogEventType.WRITE_ROWS_V2)).isFalse();
        assertThat(statement()).as("XA END").isFalse();
        assertThat(event(BinlogEventType.XA_PREPARE)).isTrue();
    }

    @Test
    void nonTransactionalTablesEndWithACommitQuery()
    {
        transactions.gtid(false);
        assertThat(begin()).isFalse();
        assertThat(event(BinlogEventType.TABLE_MAP)).isFalse();
        assertThat(event(BinlogEventType.WRITE_ROWS_V2)).isFalse();
        assertThat(commit()).isTrue();
        assertThat(transactions.inTransaction()).isFalse();
    }

    @Test
    void mariadbTransactionCanEndWithACommitQuery()
    {
        transactions.gtid(true);
        assertThat(event(BinlogEventType.WRITE_ROWS_V1)).isFalse();
        assertThat(commit()).isTrue();
    }

    @Test
    void eventsOutsideTransactionsCompleteByThemselves()
    {
        assertThat(transactions.inTransaction()).isFalse();
        assertThat(event(BinlogEventType.FORMAT_DESCRIPTION)).isTrue();
        assertThat(event(BinlogEventType.PREVIOUS_GTIDS)).isTrue();
        assertThat(event(BinlogEventType.ROTATE)).isTrue();
        assertThat(event(BinlogEventType.MARIADB_GTID_LIST)).isTrue();
        assertThat(statement()).isTrue();
        assertThat(event(BinlogEventType.TABLE_MAP)).isTrue();
        assertThat(transactions.inTransaction()).isFalse();
    }

    @Test
    void aNewGtidRestartsTracking()
    {
        transactions.gtid(false);
        assertThat(begin()).isFalse();
        transactions.gtid(false);
        assertThat(statement()).as("DDL after a GTID, whatever came before").isTrue();
    }
}

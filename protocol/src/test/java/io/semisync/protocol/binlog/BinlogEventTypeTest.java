package io.semisync.protocol.binlog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BinlogEventTypeTest
{
    @Test
    void namesKnownTypes()
    {
        assertThat(BinlogEventType.name(BinlogEventType.QUERY)).isEqualTo("QUERY");
        assertThat(BinlogEventType.name(4)).isEqualTo("ROTATE");
        assertThat(BinlogEventType.name(15)).isEqualTo("FORMAT_DESCRIPTION");
        assertThat(BinlogEventType.name(16)).isEqualTo("XID");
        assertThat(BinlogEventType.name(19)).isEqualTo("TABLE_MAP");
        assertThat(BinlogEventType.name(27)).isEqualTo("HEARTBEAT");
        assertThat(BinlogEventType.name(30)).isEqualTo("WRITE_ROWS");
        assertThat(BinlogEventType.name(31)).isEqualTo("UPDATE_ROWS");
        assertThat(BinlogEventType.name(32)).isEqualTo("DELETE_ROWS");
        assertThat(BinlogEventType.name(23)).isEqualTo("WRITE_ROWS_V1");
        assertThat(BinlogEventType.name(33)).isEqualTo("GTID");
        assertThat(BinlogEventType.name(38)).isEqualTo("XA_PREPARE");
        assertThat(BinlogEventType.name(40)).isEqualTo("TRANSACTION_PAYLOAD");
        assertThat(BinlogEventType.name(41)).isEqualTo("HEARTBEAT_V2");
        assertThat(BinlogEventType.name(42)).isEqualTo("GTID_TAGGED");
        assertThat(BinlogEventType.name(160)).isEqualTo("ANNOTATE_ROWS");
        assertThat(BinlogEventType.name(162)).isEqualTo("MARIADB_GTID");
        assertThat(BinlogEventType.name(163)).isEqualTo("GTID_LIST");
    }

    @Test
    void unknownTypesGetTheirNumber()
    {
        assertThat(BinlogEventType.name(99)).isEqualTo("TYPE_99");
        assertThat(BinlogEventType.name(0)).isEqualTo("TYPE_0");
        assertThat(BinlogEventType.name(255)).isEqualTo("TYPE_255");
    }
}

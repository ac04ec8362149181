package io.semisync.replica.serve;

import io.semisync.protocol.server.SqlErrorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserVariablesTest
{
    @Test
    void keepsEveryUserVariableOfAStatementAsMysqlsReplicaSendsIt()
    {
        final UserVariables variables = new UserVariables();

        variables.set("SET @master_heartbeat_period = 30000001024, @source_heartbeat_period = 30000001024");
        variables.set("SET @slave_uuid = '19325969-f194-11f1-a6a9-02fc00000001', @replica_uuid = '19325969-f194-11f1-a6a9-02fc00000001'");
        variables.set("SET @master_binlog_checksum = @@global.binlog_checksum, @source_binlog_checksum = @@global.binlog_checksum");

        assertThat(variables.integer(0, "source_heartbeat_period")).isEqualTo(30_000_001_024L);
        assertThat(variables.get("REPLICA_UUID")).isEqualTo("19325969-f194-11f1-a6a9-02fc00000001");
        assertThat(variables.get("source_binlog_checksum")).isEqualTo("@@global.binlog_checksum");
    }

    @Test
    void aQuotedValueMayHoldCommasQuotesAndEscapes()
    {
        final UserVariables variables = new UserVariables();

        variables.set("SET @slave_connect_state='0-1-100,1-2-7', @note = 'it''s \\'so\\'', skip_replication = 1, @mariadb_slave_capability=4");

        assertThat(variables.get("slave_connect_state")).isEqualTo("0-1-100,1-2-7");
        assertThat(variables.get("note")).isEqualTo("it's 'so'");
        assertThat(variables.get("skip_replication")).isNull();
        assertThat(variables.integer(0, "mariadb_slave_capability")).isEqualTo(4);
    }

    @Test
    void anUnsetIntegerIsTheFallbackAndANonNumberIsAnError()
    {
        final UserVariables variables = new UserVariables();
        variables.set("SET @master_heartbeat_period = 'soon'");

        assertThat(variables.integer(7, "source_heartbeat_period")).isEqualTo(7);
        assertThatThrownBy(() -> variables.integer(0, "source_heartbeat_period", "master_heartbeat_period"))
            .isInstanceOf(SqlErrorException.class).hasMessageContaining("@master_heartbeat_period must be a whole number, not 'soon'");
    }
}

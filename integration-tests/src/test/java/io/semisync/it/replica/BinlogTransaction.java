package io.semisync.it.replica;

import java.util.List;

/**
 * A transaction as the binlog holds it.
 *
 * @param gtid      its GTID, {@code uuid:gno} (MySQL) or {@code domain-server-sequence} (MariaDB)
 * @param positions {@code file:end-position} of each of its events, from the GTID event to the commit
 */
record BinlogTransaction(String gtid, List<String> positions)
{
}

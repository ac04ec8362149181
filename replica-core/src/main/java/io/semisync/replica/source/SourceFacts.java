package io.semisync.replica.source;

import io.semisync.protocol.handshake.ServerFlavor;

/**
 * What the replica learns about the source before it asks for the binlog.
 *
 * @param flavor         MySQL or MariaDB
 * @param version        the server's version string
 * @param serverId       the source's server_id
 * @param serverUuid     the source's server_uuid (MySQL), empty on MariaDB
 * @param crc32          whether events end with a CRC32 ({@code binlog_checksum=CRC32})
 * @param gtids          whether GTIDs are on (MySQL {@code gtid_mode=ON}; always on MariaDB)
 * @param gtidPosition   the source's current GTID state: {@code gtid_executed} on MySQL, {@code gtid_binlog_pos} on MariaDB
 * @param semisync       what the source offers for semisync
 * @param binlogRowMetadata the source's {@code binlog_row_metadata}: FULL puts column names into TABLE_MAP events
 */
public record SourceFacts(
    ServerFlavor flavor,
    String version,
    long serverId,
    String serverUuid,
    boolean crc32,
    boolean gtids,
    String gtidPosition,
    SemisyncSupport semisync,
    String binlogRowMetadata)
{
    /** Whether TABLE_MAP events carry column names ({@code binlog_row_metadata=FULL}). */
    public boolean hasFullRowMetadata()
    {
        return "FULL".equalsIgnoreCase(binlogRowMetadata);
    }

    public boolean isMariadb()
    {
        return flavor == ServerFlavor.MARIADB;
    }
}

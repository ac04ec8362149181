package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;

/**
 * Events captured from a MySQL 9.7.4 source (server_id 11, binlog_checksum CRC32): a FORMAT_DESCRIPTION and
 * one DML transaction (GTID, QUERY BEGIN, TABLE_MAP, WRITE_ROWS, XID) inserting (1, 'a') into d.t. Bytes as
 * read from the source's binlog file, each ending with the source's own CRC32.
 */
public final class CapturedMysqlEvents
{
    public static final String SOURCE_UUID = "0ba6c61d-e80e-11f1-a2d7-02fc00000001";

    public static final byte[] FORMAT_DESCRIPTION = Fixtures.bytes(
        "36 96 05 6b",                      // timestamp
        "0f",                               // type 15 FORMAT_DESCRIPTION
        "0b 00 00 00",                      // server_id 11
        "7b 00 00 00",                      // event size 123
        "7f 00 00 00",                      // log_pos 127
        "00 00",                            // flags
        "04 00",                            // binlog version 4
        "39 2e 37 2e 34 2d 32",             // server version "9.7.4-2", NUL padded to 50 bytes
        "00".repeat(43),
        "36 96 05 6b",                      // create timestamp
        "13",                               // common header length 19
        "00 0d 00 08 00 00 00 00 04 00 04 00 00 00 63 00 04 1a 08 00 00 00 00 00 00 02 00 00 00 0a 0a 0a 2a 2a 00 12 34 00"
            + " 0a 28 00 00",                   // post-header length per event type
        "01",                               // checksum algorithm 1 = CRC32
        "a1 45 aa 9d");                     // CRC32

    public static final byte[] GTID = Fixtures.bytes(
        "30 9c 05 6b",                      // timestamp
        "21",                               // type 33 GTID
        "0b 00 00 00",                      // server_id 11
        "4f 00 00 00",                      // event size 79
        "9a 02 00 00",                      // log_pos 666
        "00 00",                            // flags
        "00",                               // GTID flags
        "0b a6 c6 1d e8 0e 11 f1 a2 d7 02 fc 00 00 00 01", // source UUID
        "03 00 00 00 00 00 00 00",          // GNO 3
        "02",                               // logical timestamp type code
        "02 00 00 00 00 00 00 00",          // last_committed 2
        "03 00 00 00 00 00 00 00",          // sequence_number 3
        "fd 26 82 5a 06 61 06",             // immediate commit timestamp (no original one follows)
        "fc 14 01",                         // transaction length 276 (packed integer)
        "50 62 01 00",                      // immediate server version 90704
        "fd 64 20 8b");                     // CRC32

    public static final byte[] QUERY_BEGIN = Fixtures.bytes(
        "30 9c 05 6b",                      // timestamp
        "02",                               // type 2 QUERY
        "0b 00 00 00",                      // server_id 11
        "47 00 00 00",                      // event size 71
        "e1 02 00 00",                      // log_pos 737
        "08 00",                            // flags LOG_EVENT_SUPPRESS_USE_F
        "0b 00 00 00",                      // thread id 11
        "00 00 00 00",                      // execution time
        "00",                               // schema length 0
        "00 00",                            // error code
        "1d 00",                            // status variables length 29
        "00 00 00 00 00",                   // Q_FLAGS2_CODE
        "01 20 00 a0 45 00 00 00 00",       // Q_SQL_MODE_CODE
        "06 03 73 74 64",                   // Q_CATALOG_NZ_CODE "std"
        "04 ff 00 ff 00 ff 00",             // Q_CHARSET_CODE
        "12 ff 00",                         // Q_DEFAULT_COLLATION_FOR_UTF8MB4
        "00",                               // empty schema name and its NUL
        Fixtures.ascii("BEGIN"),            // statement
        "87 a6 54 2d");                     // CRC32

    public static final byte[] TABLE_MAP = Fixtures.bytes(
        "30 9c 05 6b",                      // timestamp
        "13",                               // type 19 TABLE_MAP
        "0b 00 00 00",                      // server_id 11
        "34 00 00 00",                      // event size 52
        "15 03 00 00",                      // log_pos 789
        "00 00",                            // flags
        "58 00 00 00 00 00",                // table id 88
        "01 00",                            // table map flags
        "01 64 00",                         // schema "d"
        "01 74 00",                         // table "t"
        "02 03 0f",                         // 2 columns: LONG, VARCHAR
        "02 20 03",                         // column metadata: VARCHAR(200) utf8mb4 max 800 bytes
        "02",                               // null bitmap
        "01 01 00 02 03 fc ff 00",          // optional metadata: signedness, default charset
        "dc 2c 5d 97");                     // CRC32

    public static final byte[] WRITE_ROWS = Fixtures.bytes(
        "30 9c 05 6b",                      // timestamp
        "1e",                               // type 30 WRITE_ROWS v2
        "0b 00 00 00",                      // server_id 11
        "2b 00 00 00",                      // event size 43
        "40 03 00 00",                      // log_pos 832
        "00 00",                            // flags
        "58 00 00 00 00 00",                // table id 88
        "11 00",                            // rows event flags
        "02 00",                            // extra data length (none)
        "02 ff",                            // 2 columns, all present
        "00",                               // null bitmap of the row
        "01 00 00 00",                      // id = 1
        "01 00 61",                         // v = 'a'
        "ba b6 11 c8");                     // CRC32

    public static final byte[] XID = Fixtures.bytes(
        "30 9c 05 6b",                      // timestamp
        "10",                               // type 16 XID
        "0b 00 00 00",                      // server_id 11
        "1f 00 00 00",                      // event size 31
        "5f 03 00 00",                      // log_pos 863
        "00 00",                            // flags
        "0b 00 00 00 00 00 00 00",          // xid 11
        "72 36 48 bb");                     // CRC32

    private CapturedMysqlEvents()
    {
    }
}

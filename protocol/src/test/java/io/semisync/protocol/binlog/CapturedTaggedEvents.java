package io.semisync.protocol.binlog;

import io.semisync.protocol.Fixtures;

/**
 * Events captured from a MySQL 9.7.4 source (server_id 1, binlog_checksum CRC32) after
 * {@code SET gtid_next='AUTOMATIC:tag1'} and {@code 'AUTOMATIC:Other_Tag'} transactions: the GTID_TAGGED event of
 * {@code 5f7ee692-f1ab-11f1-a938-02fc00000001:tag1:1}, and the PREVIOUS_GTIDS event that opened the next binlog file,
 * holding {@code 5f7ee692-f1ab-11f1-a938-02fc00000001:1-3:other_tag:1:tag1:1-2}; and, from the binlog of a MySQL 9.7.4
 * replica of that source, the GTID_TAGGED event of {@code ...:relay_me:1} as the replica logged it, with the source's
 * commit timestamp beside its own. Bytes as read from the binlog files, each ending with the server's own CRC32.
 */
public final class CapturedTaggedEvents
{
    public static final String SOURCE_UUID = "5f7ee692-f1ab-11f1-a938-02fc00000001";

    public static final byte[] GTID_TAGGED = Fixtures.bytes(
        "ac b7 15 6b",                      // timestamp
        "2a",                               // type 42 GTID_TAGGED
        "01 00 00 00",                      // server_id 1
        "50 00 00 00",                      // event size 80
        "6f 02 00 00",                      // log_pos 623
        "00 00",                            // flags
        "02",                               // leading id 1
        "72",                               // message size 57: the body without its CRC32
        "00",                               // last non-ignorable field id 0
        "00 00",                            // field 0 flags: 0
        "02",                               // field 1 source UUID, each byte a varlen integer:
        "be fc 99 03 49 02 c5 03 ad 02 22 c5 03 a5 02 70 04 f1 03 00 00 00 02", // 5f 7e e6 92 f1 ab 11 f1 a9 38 02 fc 00 00 00 01
        "04 04",                            // field 2 GNO: signed 1
        "06 08 74 61 67 31",                // field 3 tag: length 4, "tag1"
        "08 08",                            // field 4 last_committed: signed 2
        "0a 0c",                            // field 5 sequence_number: signed 3
        "0c 7f 12 e1 df 21 fc 61 06",       // field 6 immediate commit timestamp: 8 bytes, 1796585388237074 us
        "10 51 04",                         // field 8 transaction length: 2 bytes, 276 (field 7 absent: same timestamp)
        "12 83 12 0b",                      // field 9 immediate server version: 3 bytes, 90704 (fields 10, 11 absent)
        "9b 54 8a f3");                     // CRC32

    static final byte[] PREVIOUS_GTIDS_TAGGED = Fixtures.bytes(
        "c7 b7 15 6b",                      // timestamp
        "23",                               // type 35 PREVIOUS_GTIDS
        "01 00 00 00",                      // server_id 1
        "a7 00 00 00",                      // event size 167
        "26 01 00 00",                      // log_pos 294
        "80 00",                            // flags
        "01 03 00 00 00 00 00 01",          // format 1, 3 (UUID, tag) pairs, format 1
        "5f 7e e6 92 f1 ab 11 f1 a9 38 02 fc 00 00 00 01", // UUID
        "00",                               // tag: length 0, untagged
        "01 00 00 00 00 00 00 00",          // 1 interval
        "01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00", // [1, 4)
        "5f 7e e6 92 f1 ab 11 f1 a9 38 02 fc 00 00 00 01", // UUID
        "12 6f 74 68 65 72 5f 74 61 67",    // tag: length 9, "other_tag"
        "01 00 00 00 00 00 00 00",          // 1 interval
        "01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00", // [1, 2)
        "5f 7e e6 92 f1 ab 11 f1 a9 38 02 fc 00 00 00 01", // UUID
        "08 74 61 67 31",                   // tag: length 4, "tag1"
        "01 00 00 00 00 00 00 00",          // 1 interval
        "01 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00", // [1, 3)
        "85 8c 01 f5");                     // CRC32

    static final byte[] RELAYED_GTID_TAGGED = Fixtures.bytes(
        "40 bb 15 6b",                      // timestamp
        "2a",                               // type 42 GTID_TAGGED
        "01 00 00 00",                      // server_id 1: the originating source's
        "5d 00 00 00",                      // event size 93
        "12 09 00 00",                      // log_pos 2322 in the replica's binlog
        "00 00",                            // flags
        "02",                               // leading id 1
        "8c",                               // message size 70
        "00",                               // last non-ignorable field id 0
        "00 00",                            // field 0 flags: 0
        "02",                               // field 1 source UUID
        "be fc 99 03 49 02 c5 03 ad 02 22 c5 03 a5 02 70 04 f1 03 00 00 00 02",
        "04 04",                            // field 2 GNO 1
        "06 10 72 65 6c 61 79 5f 6d 65",    // field 3 tag: length 8, "relay_me"
        "08 20",                            // field 4 last_committed 8
        "0a 24",                            // field 5 sequence_number 9
        "0c 7f c7 d9 7a 58 fc 61 06",       // field 6 immediate commit timestamp 1796586304362951 (the replica's)
        "0e 7f 5d ae 7a 58 fc 61 06",       // field 7 original commit timestamp 1796586304351837 (the source's)
        "10 75 04",                         // field 8 transaction length 285
        "12 83 12 0b",                      // field 9 immediate server version 90704 (field 10 absent: the same)
        "d8 9d fa 01");                     // CRC32

    private CapturedTaggedEvents()
    {
    }
}

/**
 * Row-event decoding: views over TABLE_MAP and rows events and a reader that walks their rows into a
 * {@link io.semisync.protocol.rows.RowVisitor} without an object per row or column.
 * <p>
 * Use: per TABLE_MAP, {@code TableMap map = tableMapFlyweight.wrap(buffer, offset, length, checksumLength)
 * .tableMap(flavor)} (keep it by {@link io.semisync.protocol.rows.TableMap#tableId()}; reuse it while
 * {@code matches(map)}); per rows event, {@code reader.read(rowsFlyweight.wrap(buffer, offset, length,
 * checksumLength), map, visitor)}. Each {@link io.semisync.protocol.rows.ColumnValue} gives typed accessors
 * and renders itself as JSON (conventions in its class comment). Bytes must be uncompressed: MySQL's
 * TRANSACTION_PAYLOAD and MariaDB's compressed events are inflated before they reach this package. Every
 * length is checked against the event's bounds; a malformed event throws
 * {@link io.semisync.protocol.rows.RowDecodeException}, never yields a wrong value.
 */
package io.semisync.protocol.rows;

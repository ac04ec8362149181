package io.semisync.it.cdc;

import io.semisync.protocol.rows.RowChange;

import java.util.Map;

/**
 * A row change: what the decoder made of a rows event's row, or what SELECT showed around the statement.
 * Images map column index to the compared value (absent columns are not in the map); null when the change
 * has no such image.
 */
record DecodedChange(RowChange change, Map<Integer, Object> before, Map<Integer, Object> after)
{
}

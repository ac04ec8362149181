package io.semisync.protocol.client;

import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.ResultSet;

/**
 * The answer to COM_QUERY: exactly one of an OK packet or a result set.
 *
 * @param ok         the OK packet, or {@code null}
 * @param resultSet  the result set, or {@code null}
 */
record TextResponse(OkPacket ok, ResultSet resultSet)
{
}

package io.semisync.protocol.server;

import java.util.ArrayList;
import java.util.List;

import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.handshake.CharacterSets;
import io.semisync.protocol.response.ColumnCount;
import io.semisync.protocol.response.ColumnDefinition;
import io.semisync.protocol.response.ColumnTypes;
import io.semisync.protocol.response.EofPacket;
import io.semisync.protocol.response.Row;

/**
 * The packets of a text result set: column count, column definitions, an EOF (unless CLIENT_DEPRECATE_EOF), the
 * rows, and the end: EOF, or under CLIENT_DEPRECATE_EOF an OK with header 0xFE. Column lengths, the decimals of
 * DECIMAL columns and NOT NULL follow from the values, since the handler gives them all at once.
 */
final class ResultSetMessages
{
    /** Bytes per character of utf8mb4, by which MySQL multiplies a string column's length. */
    private static final int UTF8MB4_MAX_BYTES = 4;
    /** The column length field is a u32. */
    private static final long MAX_COLUMN_LENGTH = 0xFFFF_FFFFL;

    private ResultSetMessages()
    {
    }

    static List<ServerMessage> of(final TextResultSet resultSet, final boolean deprecateEof)
    {
        final List<ServerMessage> messages = new ArrayList<>(resultSet.rows().size() + resultSet.columns().size() + 3);
        messages.add(new ColumnCount(resultSet.columns().size()));
        for (int i = 0; i < resultSet.columns().size(); i++)
        {
            messages.add(definition(resultSet.columns().get(i), i, resultSet.rows()));
        }
        if (!deprecateEof)
        {
            messages.add(EofPacket.of(0, ServerConnection.STATUS_FLAGS));
        }
        for (final List<String> row : resultSet.rows())
        {
            messages.add(Row.text(row));
        }
        messages.add(end(deprecateEof));
        return messages;
    }

    /** How a result set, or an answer MySQL ends like one (COM_SET_OPTION), ends for this client. */
    static ServerMessage end(final boolean deprecateEof)
    {
        return deprecateEof ? ServerConnection.ok(0, "").asResultSetEnd() : EofPacket.of(0, ServerConnection.STATUS_FLAGS);
    }

    private static ColumnDefinition definition(final ResultColumn column, final int index, final List<List<String>> rows)
    {
        boolean nullable = false;
        int maxLength = 0;
        int maxScale = 0;
        for (final List<String> row : rows)
        {
            final String value = row.get(index);
            if (value == null)
            {
                nullable = true;
                continue;
            }
            maxLength = Math.max(maxLength, column.kind() == ColumnKind.TEXT ? value.codePointCount(0, value.length()) : value.length());
            final int point = value.indexOf('.');
            maxScale = Math.max(maxScale, point < 0 ? 0 : value.length() - point - 1);
        }
        final int notNull = nullable ? 0 : ColumnTypes.NOT_NULL_FLAG;
        final String name = column.name();
        switch (column.kind())
        {
            case INTEGER:
                return new ColumnDefinition("", "", "", name, "", CharacterSets.BINARY, Math.max(1, maxLength), ColumnTypes.LONGLONG,
                    notNull | ColumnTypes.BINARY_FLAG | ColumnTypes.NUM_FLAG, 0);
            case DECIMAL:
                return new ColumnDefinition("", "", "", name, "", CharacterSets.BINARY, Math.max(1, maxLength), ColumnTypes.NEWDECIMAL,
                    notNull | ColumnTypes.BINARY_FLAG | ColumnTypes.NUM_FLAG, maxScale);
            default:
                return new ColumnDefinition("", "", "", name, "", CharacterSets.UTF8MB4_0900_AI_CI,
                    Math.min(MAX_COLUMN_LENGTH, (long)maxLength * UTF8MB4_MAX_BYTES),
                    ColumnTypes.VAR_STRING, notNull, ColumnTypes.NOT_FIXED_DECIMALS);
        }
    }
}

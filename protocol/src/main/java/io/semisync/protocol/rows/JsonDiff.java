package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

/**
 * Renders a partial JSON update (PARTIAL_UPDATE_ROWS with {@code binlog_row_value_options=PARTIAL_JSON}) as
 * {@code {"$jsonDiff": [{"op": "replace"|"insert"|"remove", "path": "$.a[1]", "value": ...}, ...]}}: the
 * operations MySQL applies, in order, to the column's before value. The diff vector after the column's 4-byte
 * length is a sequence of: operation u8 (0 replace, 1 insert, 2 remove), path length (length-encoded), the
 * path, and except for remove a value length (length-encoded) and the value in binary JSON.
 */
final class JsonDiff
{
    static final String FIELD = "$jsonDiff";
    static final int REPLACE = 0;
    static final int INSERT = 1;
    static final int REMOVE = 2;

    private final EventReader reader = new EventReader();
    private final JsonBinary jsonBinary;

    JsonDiff(final JsonBinary jsonBinary)
    {
        this.jsonBinary = jsonBinary;
    }

    void render(final DirectBuffer buffer, final int offset, final int length, final JsonOutput out)
    {
        final EventReader in = reader.wrap(buffer, offset, offset + length);
        out.startObject();
        out.fieldName(FIELD);
        out.startArray();
        while (in.hasRemaining())
        {
            final int operation = in.u8("JSON diff operation");
            out.startObject();
            out.fieldName("op");
            out.string(switch (operation)
            {
                case REPLACE -> "replace";
                case INSERT -> "insert";
                case REMOVE -> "remove";
                default -> throw new RowDecodeException("JSON diff operation " + operation + " is not replace, insert or remove");
            });
            final int pathLength = in.packedInt(in.remaining(), "JSON diff path length");
            final int pathAt = in.skip(pathLength, "JSON diff path");
            out.fieldName("path");
            out.utf8String(buffer, pathAt, pathLength);
            if (operation != REMOVE)
            {
                final int valueLength = in.packedInt(in.remaining(), "JSON diff value length");
                final int valueAt = in.skip(valueLength, "JSON diff value");
                out.fieldName("value");
                jsonBinary.render(buffer, valueAt, valueLength, out);
            }
            out.endObject();
        }
        out.endArray();
        out.endObject();
    }
}

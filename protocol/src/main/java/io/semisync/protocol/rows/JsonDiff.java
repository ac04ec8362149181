package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

/**
 * A partial JSON update (PARTIAL_UPDATE_ROWS with {@code binlog_row_value_options=PARTIAL_JSON}): applied to
 * the column's before value when the event holds it, else rendered as
 * {@code {"$jsonDiff": [{"op": "replace"|"insert"|"remove", "path": "$.a[1]", "value": ...}, ...]}}: the
 * operations MySQL applies, in order, to the before value. The diff vector after the column's 4-byte
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
    private final JsonDocument document = new JsonDocument();
    private final JsonBinary jsonBinary;

    JsonDiff(final JsonBinary jsonBinary)
    {
        this.jsonBinary = jsonBinary;
    }

    /** Applies the diff to the before value (binary JSON) and writes the resulting document. */
    void apply(final DirectBuffer before, final int beforeOffset, final int beforeLength, final DirectBuffer buffer,
        final int offset, final int length, final JsonOutput out)
    {
        Object tree = document.parse(before, beforeOffset, beforeLength);
        final EventReader in = reader.wrap(buffer, offset, offset + length);
        while (in.hasRemaining())
        {
            final int operation = in.u8("JSON diff operation");
            if (operation > REMOVE)
            {
                throw new RowDecodeException("JSON diff operation " + operation + " is not replace, insert or remove");
            }
            final int pathLength = in.packedInt(in.remaining(), "JSON diff path length");
            final String path = in.utf8(pathLength, "JSON diff path");
            Object value = null;
            if (operation != REMOVE)
            {
                final int valueLength = in.packedInt(in.remaining(), "JSON diff value length");
                final int valueAt = in.skip(valueLength, "JSON diff value");
                value = new JsonDocument().parse(buffer, valueAt, valueLength);
            }
            tree = JsonDocument.apply(tree, operation, path, value);
        }
        JsonDocument.render(tree, out);
    }

    /** Writes the diff itself, for when the before value is not in the event. */
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

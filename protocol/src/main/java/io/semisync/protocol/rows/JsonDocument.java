package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON document as a small tree, for applying a partial update's diff to the before value: objects keep
 * MySQL's key order (shorter keys first, then by bytes, as its binary format stores them), scalars are kept as
 * their JSON text. Built only for PARTIAL_UPDATE_ROWS, which are rare; the common path never builds a tree.
 */
final class JsonDocument implements JsonOutput
{
    /** MySQL's order of object keys: by UTF-8 length, then bytewise. */
    private static final Comparator<String> KEY_ORDER = Comparator.<String>comparingInt(JsonDocument::utf8Length)
        .thenComparing(Comparator.naturalOrder());

    /** A scalar, as JSON text. */
    private record Scalar(String json)
    {
    }

    private final JsonBinary jsonBinary = new JsonBinary();
    private final StringBuilder scalarText = new StringBuilder();
    private final AppendableJsonOutput scalarOutput = new AppendableJsonOutput();
    private final List<Object> stack = new ArrayList<>();
    private final List<String> pendingKeys = new ArrayList<>();
    private Object root;

    /** Reads binary JSON into a tree. */
    Object parse(final DirectBuffer buffer, final int offset, final int length)
    {
        stack.clear();
        pendingKeys.clear();
        root = null;
        jsonBinary.render(buffer, offset, length, this);
        return root;
    }

    /** Applies one diff operation to {@code document} and returns the new document (a new root for path "$"). */
    static Object apply(final Object document, final int operation, final String path, final Object value)
    {
        final List<Object> steps = JsonPath.parse(path);
        if (steps.isEmpty())
        {
            if (operation != JsonDiff.REPLACE)
            {
                throw new RowDecodeException("JSON diff cannot " + (operation == JsonDiff.INSERT ? "insert" : "remove") + " the whole document");
            }
            return value;
        }
        Object parent = document;
        for (int i = 0; i < steps.size() - 1; i++)
        {
            parent = child(parent, steps.get(i), path);
        }
        final Object last = steps.get(steps.size() - 1);
        if (parent instanceof Map<?, ?> && last instanceof String key)
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> object = (Map<String, Object>)parent;
            if (operation == JsonDiff.REMOVE)
            {
                object.remove(key);
            }
            else if (operation == JsonDiff.REPLACE && !object.containsKey(key))
            {
                throw new RowDecodeException("JSON diff replaces " + path + ", which the before value does not have");
            }
            else
            {
                object.put(key, value);
            }
        }
        else if (parent instanceof List<?> && last instanceof Integer index)
        {
            @SuppressWarnings("unchecked")
            final List<Object> array = (List<Object>)parent;
            if (operation == JsonDiff.INSERT)
            {
                array.add(Math.min(index, array.size()), value);
            }
            else if (index >= array.size())
            {
                throw new RowDecodeException("JSON diff path " + path + " is past the end of an array of " + array.size());
            }
            else if (operation == JsonDiff.REMOVE)
            {
                array.remove((int)index);
            }
            else
            {
                array.set(index, value);
            }
        }
        else
        {
            throw new RowDecodeException("JSON diff path " + path + " does not match the before value's structure");
        }
        return document;
    }

    private static Object child(final Object parent, final Object step, final String path)
    {
        final Object child;
        if (parent instanceof Map<?, ?> object && step instanceof String key)
        {
            child = object.get(key);
        }
        else if (parent instanceof List<?> array && step instanceof Integer index && index < array.size())
        {
            child = array.get(index);
        }
        else
        {
            child = null;
        }
        if (child == null)
        {
            throw new RowDecodeException("JSON diff path " + path + " does not lead through the before value");
        }
        return child;
    }

    /** Writes a tree as JSON. */
    static void render(final Object node, final JsonOutput out)
    {
        if (node instanceof Map<?, ?> object)
        {
            out.startObject();
            for (final Map.Entry<?, ?> member : object.entrySet())
            {
                out.fieldName((String)member.getKey());
                render(member.getValue(), out);
            }
            out.endObject();
        }
        else if (node instanceof List<?> array)
        {
            out.startArray();
            array.forEach(element -> render(element, out));
            out.endArray();
        }
        else
        {
            out.raw(((Scalar)node).json());
        }
    }

    private void add(final Object node)
    {
        if (stack.isEmpty())
        {
            root = node;
            return;
        }
        final Object parent = stack.get(stack.size() - 1);
        if (parent instanceof Map<?, ?>)
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> object = (Map<String, Object>)parent;
            object.put(pendingKeys.remove(pendingKeys.size() - 1), node);
        }
        else
        {
            @SuppressWarnings("unchecked")
            final List<Object> array = (List<Object>)parent;
            array.add(node);
        }
    }

    private JsonOutput scalar()
    {
        scalarText.setLength(0);
        return scalarOutput.wrap(scalarText);
    }

    private void endScalar()
    {
        add(new Scalar(scalarText.toString()));
    }

    private static int utf8Length(final String text)
    {
        int length = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }

    @Override
    public void nullValue()
    {
        scalar().nullValue();
        endScalar();
    }

    @Override
    public void booleanValue(final boolean value)
    {
        scalar().booleanValue(value);
        endScalar();
    }

    @Override
    public void number(final long value)
    {
        scalar().number(value);
        endScalar();
    }

    @Override
    public void unsignedNumber(final long value)
    {
        scalar().unsignedNumber(value);
        endScalar();
    }

    @Override
    public void number(final double value)
    {
        scalar().number(value);
        endScalar();
    }

    @Override
    public void number(final float value)
    {
        scalar().number(value);
        endScalar();
    }

    @Override
    public void numberText(final char[] chars, final int offset, final int length)
    {
        scalar().numberText(chars, offset, length);
        endScalar();
    }

    @Override
    public void string(final char[] chars, final int offset, final int length)
    {
        scalar().string(chars, offset, length);
        endScalar();
    }

    @Override
    public void plainString(final char[] chars, final int offset, final int length)
    {
        scalar().plainString(chars, offset, length);
        endScalar();
    }

    @Override
    public void string(final String value)
    {
        scalar().string(value);
        endScalar();
    }

    @Override
    public void utf8String(final DirectBuffer buffer, final int offset, final int length)
    {
        scalar().utf8String(buffer, offset, length);
        endScalar();
    }

    @Override
    public void string(final DirectBuffer buffer, final int offset, final int length, final Charset charset)
    {
        scalar().string(buffer, offset, length, charset);
        endScalar();
    }

    @Override
    public void base64(final DirectBuffer buffer, final int offset, final int length)
    {
        scalar().base64(buffer, offset, length);
        endScalar();
    }

    @Override
    public void raw(final String json)
    {
        scalar().raw(json);
        endScalar();
    }

    @Override
    public void startObject()
    {
        final Map<String, Object> object = new TreeMap<>(KEY_ORDER);
        add(object);
        stack.add(object);
    }

    @Override
    public void fieldName(final String name)
    {
        pendingKeys.add(name);
    }

    @Override
    public void utf8FieldName(final DirectBuffer buffer, final int offset, final int length)
    {
        pendingKeys.add(buffer.getStringWithoutLengthUtf8(offset, length));
    }

    @Override
    public void endObject()
    {
        stack.remove(stack.size() - 1);
    }

    @Override
    public void startArray()
    {
        final List<Object> array = new ArrayList<>();
        add(array);
        stack.add(array);
    }

    @Override
    public void endArray()
    {
        stack.remove(stack.size() - 1);
    }
}

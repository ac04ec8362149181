package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import java.nio.charset.Charset;

/**
 * Where {@link ColumnValue} and {@link JsonBinary} write JSON: one rendering of every type, two targets
 * (a jackson {@code JsonGenerator} for the feed, an {@code Appendable} for tests and tools).
 */
interface JsonOutput
{
    void nullValue();

    void booleanValue(boolean value);

    void number(long value);

    void unsignedNumber(long value);

    void number(double value);

    void number(float value);

    /** A number already formatted as JSON number text. */
    void numberText(char[] chars, int offset, int length);

    void string(char[] chars, int offset, int length);

    /** A string of characters that need no escaping (the digits and punctuation of numbers and dates). */
    void plainString(char[] chars, int offset, int length);

    void string(String value);

    /** A string from UTF-8 bytes (invalid sequences become U+FFFD). */
    void utf8String(DirectBuffer buffer, int offset, int length);

    /** A string from bytes in a charset. */
    void string(DirectBuffer buffer, int offset, int length, Charset charset);

    /** Bytes as a base64 string (RFC 4648, with padding, no line breaks). */
    void base64(DirectBuffer buffer, int offset, int length);

    /** A value already written as JSON text. */
    void raw(String json);

    void startObject();

    void fieldName(String name);

    void utf8FieldName(DirectBuffer buffer, int offset, int length);

    void endObject();

    void startArray();

    void endArray();
}

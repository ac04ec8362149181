package io.semisync.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * Key/value pairs the server shows in {@code performance_schema.session_connect_attrs}; encoded as a
 * length-encoded total length followed by length-encoded key and value strings.
 */
public final class ConnectionAttributes
{
    /** The program name every connection of this project announces. */
    public static final String PROGRAM_NAME = "semisync-replica";
    /** The client library name. */
    public static final String CLIENT_NAME = "semisync-protocol";

    private final List<byte[]> encodedPairs;
    private final Map<String, String> attributes;
    private final int contentLength;

    private ConnectionAttributes(final Map<String, String> attributes)
    {
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        final List<byte[]> pairs = new ArrayList<>();
        int length = 0;
        for (final Map.Entry<String, String> entry : this.attributes.entrySet())
        {
            final byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
            final byte[] value = entry.getValue().getBytes(StandardCharsets.UTF_8);
            pairs.add(key);
            pairs.add(value);
            length += LengthEncoding.stringLength(key.length) + LengthEncoding.stringLength(value.length);
        }
        this.encodedPairs = List.copyOf(pairs);
        this.contentLength = length;
    }

    /** {@code _client_name}, {@code _runtime_version} and {@code program_name=semisync-replica}. */
    public static ConnectionAttributes defaults()
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("_client_name", CLIENT_NAME);
        attributes.put("_runtime_version", System.getProperty("java.version", "unknown"));
        attributes.put("program_name", PROGRAM_NAME);
        return new ConnectionAttributes(attributes);
    }

    /** Exactly these attributes, in this order. */
    public static ConnectionAttributes of(final Map<String, String> attributes)
    {
        return new ConnectionAttributes(attributes);
    }

    /**
     * Reads attributes as a client sends them; the reader index moves past them.
     *
     * @throws MalformedPacketException when a length points past the announced total or the packet
     */
    public static ConnectionAttributes decode(final ByteBuf in)
    {
        final int length = LengthEncoding.readLength(in);
        final ByteBuf pairs = in.readSlice(length);
        final Map<String, String> attributes = new LinkedHashMap<>();
        while (pairs.isReadable())
        {
            final String key = LengthEncoding.readString(pairs);
            if (!pairs.isReadable())
            {
                throw new MalformedPacketException("connection attribute '" + key + "' has no value");
            }
            attributes.put(key, LengthEncoding.readString(pairs));
        }
        return new ConnectionAttributes(attributes);
    }

    public Map<String, String> asMap()
    {
        return attributes;
    }

    /** Bytes {@link #write(ByteBuf)} writes, the length prefix included. */
    public int encodedLength()
    {
        return LengthEncoding.integerLength(contentLength) + contentLength;
    }

    public void write(final ByteBuf out)
    {
        LengthEncoding.writeInteger(out, contentLength);
        for (final byte[] bytes : encodedPairs)
        {
            LengthEncoding.writeBytes(out, bytes);
        }
    }
}

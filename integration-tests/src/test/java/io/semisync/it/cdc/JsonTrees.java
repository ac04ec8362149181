package io.semisync.it.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text to a canonical form: same structure and strings, numbers by value (1.5e3 and 1500.0 alike). */
final class JsonTrees
{
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();

    private JsonTrees()
    {
    }

    static String canonical(final String json)
    {
        final StringBuilder out = new StringBuilder();
        try (JsonParser parser = FACTORY.createParser(json))
        {
            JsonToken token;
            while ((token = parser.nextToken()) != null)
            {
                switch (token)
                {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        out.append(parser.getDecimalValue().stripTrailingZeros().toString());
                    case VALUE_STRING -> out.append('"').append(parser.getText()).append('"');
                    case FIELD_NAME -> out.append(parser.currentName()).append(':');
                    default -> out.append(token.asString());
                }
                out.append(' ');
            }
            return out.toString();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + json.substring(0, Math.min(json.length(), 300)), ex);
        }
    }
}

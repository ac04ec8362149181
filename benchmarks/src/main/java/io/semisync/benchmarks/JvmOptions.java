package io.semisync.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Chronicle Queue and Agrona need, as the root pom lists them ({@code chronicle.jvm.args}),
 * filtered into {@code jvm.options} at build time: JMH forks and the scripts use the same list.
 */
public final class JvmOptions
{
    private JvmOptions()
    {
    }

    public static List<String> load()
    {
        try (InputStream in = JvmOptions.class.getResourceAsStream("jvm.options"))
        {
            if (in == null)
            {
                throw new IllegalStateException("jvm.options is missing from the benchmarks jar: rebuild with mvn package");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

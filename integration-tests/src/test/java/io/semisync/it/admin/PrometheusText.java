package io.semisync.it.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of a Prometheus endpoint, parsed from the text exposition format: each sample line,
 * {@code name{labels} value}, by its series ({@code name} or {@code name{labels}} as written); comments are skipped.
 * The Prometheus Java client writes this format but has no parser for it.
 */
final class PrometheusText
{
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?)\\s+(\\S+)(?:\\s+\\d+)?$");

    private final Map<String, Double> samples;

    private PrometheusText(final Map<String, Double> samples)
    {
        this.samples = samples;
    }

    static PrometheusText parse(final String text)
    {
        final Map<String, Double> samples = new LinkedHashMap<>();
        for (final String line : text.lines().toList())
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches())
            {
                throw new AssertionError("not a sample line of the Prometheus text format: " + line);
            }
            samples.put(sample.group(1), number(sample.group(2)));
        }
        return new PrometheusText(samples);
    }

    /** Scrapes {@code url} over HTTP. */
    static PrometheusText scrape(final String url)
    {
        try
        {
            final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            return parse(response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot scrape " + url, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    private static double number(final String text)
    {
        return switch (text)
        {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The value of a series; fails when it is absent. */
    double value(final String series)
    {
        final Double value = samples.get(series);
        if (value == null)
        {
            throw new AssertionError("no series " + series + " in " + samples.keySet());
        }
        return value;
    }

    boolean has(final String series)
    {
        return samples.containsKey(series);
    }
}

package io.semisync.benchmarks.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest
{
    /** More pixels of one hue than a legend's swatch or line has: a drawn curve or bar. */
    private static final int SERIES_PIXELS = 400;
    private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\"");

    @TempDir
    Path directory;

    @Test
    void thePageShowsEveryChartItDrewAndTheTables() throws IOException
    {
        final Path index = report().write(directory);

        final String html = Files.readString(index);
        assertThat(html).contains("<h1>bench &amp; report</h1>").contains("configuration  commits/s").contains("mysql, 1 client");
        final List<String> images = images(html);
        assertThat(images).containsExactly("cdf-1.png", "stages-2.png");
        assertThat(images).allSatisfy(file -> assertThat(directory.resolve(file)).isRegularFile());
    }

    @Test
    void everyChartDecodesAtItsSizeWithOneColourPerSeries() throws IOException
    {
        report().write(directory);

        final BufferedImage cdf = ImageIO.read(directory.resolve("cdf-1.png").toFile());
        final BufferedImage stages = ImageIO.read(directory.resolve("stages-2.png").toFile());
        assertThat(List.of(cdf, stages)).allSatisfy(image ->
        {
            assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
        });
        assertThat(hues(cdf)).as("hues of the two curves").hasSizeGreaterThanOrEqualTo(2);
        assertThat(hues(stages)).as("hues of the three stages").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aReportWithoutStagesDrawsNoBreakdown()
    {
        final Path index = new HtmlReport("t", "").cdf("c", List.of(new LatencyCurve("only", latencies(1_000_000, 1)))).stages("s", List.of())
            .write(directory);

        assertThat(images(read(index))).containsExactly("cdf-1.png");
    }

    private static HtmlReport report()
    {
        final Map<String, Double> ours = new LinkedHashMap<>();
        ours.put("waiting", 20.0);
        ours.put("sync", 210.0);
        ours.put("send", 40.0);
        final Map<String, Double> delayed = new LinkedHashMap<>(ours);
        delayed.put("delay", 2000.0);
        return new HtmlReport("bench & report", "configuration  commits/s\n(1) ours       900\n")
            .cdf("mysql, 1 client", List.of(
                new LatencyCurve("(1) ours", latencies(700_000, 3)),
                new LatencyCurve("(2) native", latencies(1_500_000, 2))))
            .stages("mysql: where the time goes", List.of(new StageSplit("(1) 1c", ours), new StageSplit("(1d) 1c", delayed)));
    }

    /** Latencies spread from {@code nanos} to {@code spread} times that, more of them near the low end. */
    private static Histogram latencies(final long nanos, final int spread)
    {
        final Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 1000; i++)
        {
            histogram.recordValue(nanos + (long) (nanos * (spread - 1) * Math.pow(i / 1000.0, 3)));
        }
        return histogram;
    }

    private static List<String> images(final String html)
    {
        final Matcher matcher = IMAGE.matcher(html);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    /**
     * The hues, in 30-degree buckets, of the clearly coloured pixels, where a bucket covers more than a legend's swatch:
     * one per drawn series, none for text, grid or background.
     */
    private static Set<Integer> hues(final BufferedImage image)
    {
        final Map<Integer, Integer> pixels = new HashMap<>();
        final float[] hsb = new float[3];
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                final Color colour = new Color(image.getRGB(x, y));
                Color.RGBtoHSB(colour.getRed(), colour.getGreen(), colour.getBlue(), hsb);
                if (hsb[1] > 0.5f && hsb[2] > 0.4f)
                {
                    pixels.merge(Math.round(hsb[0] * 12) % 12, 1, Integer::sum);
                }
            }
        }
        final Set<Integer> hues = new HashSet<>();
        pixels.forEach((hue, count) ->
        {
            if (count > SERIES_PIXELS)
            {
                hues.add(hue);
            }
        });
        return hues;
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

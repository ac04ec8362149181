package io.semisync.protocol.rows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Collation ids of MySQL and MariaDB (as TABLE_MAP charset metadata gives them) to the Java charset their
 * bytes are in. MySQL's latin1 is Windows-1252, as in mysql-connector-j. Id 63 is binary: no charset.
 */
public final class Collations
{
    /** The {@code binary} collation: the bytes are not text. */
    public static final int BINARY = 63;
    /** No collation known for the column (no charset metadata in the TABLE_MAP). */
    public static final int UNKNOWN = -1;

    private static final int MAX_ID = 4096;
    private static final Charset[] CHARSETS = new Charset[MAX_ID];

    static
    {
        final Charset latin1 = Charset.forName("windows-1252");
        final Charset utf16 = StandardCharsets.UTF_16BE;
        final Charset utf32 = Charset.forName("UTF-32BE");
        map(StandardCharsets.UTF_8, 33, 45, 46, 76, 83, 223);
        range(StandardCharsets.UTF_8, 192, 215);
        range(StandardCharsets.UTF_8, 224, 247);
        range(StandardCharsets.UTF_8, 255, 323);
        map(latin1, 5, 8, 15, 31, 47, 48, 49, 94);
        map(StandardCharsets.US_ASCII, 11, 65);
        map(utf16, 35, 90, 159, 54, 55);
        range(utf16, 128, 151);
        range(utf16, 101, 124);
        map(StandardCharsets.UTF_16LE, 56, 62);
        map(utf32, 60, 61);
        range(utf32, 160, 183);
        named("windows-1250", 26, 34, 44, 66, 99);
        named("windows-1251", 14, 23, 50, 51, 52);
        named("windows-1256", 57, 67);
        named("windows-1257", 29, 58, 59);
        named("ISO-8859-2", 2, 9, 21, 27, 77);
        named("ISO-8859-7", 25, 70);
        named("ISO-8859-8", 16, 71);
        named("ISO-8859-9", 30, 78);
        named("ISO-8859-13", 20, 41, 42, 79);
        named("KOI8-R", 7, 74);
        named("KOI8-U", 22, 75);
        named("Shift_JIS", 13, 88);
        named("windows-31j", 95, 96);
        named("EUC-JP", 12, 91);
        named("GBK", 28, 87);
        named("GB2312", 24, 86);
        named("GB18030", 248, 249, 250);
        named("Big5", 1, 84);
        named("EUC-KR", 19, 85);
        named("TIS-620", 18, 89);
        // MariaDB's own ids: the MySQL-5.6-compatible collations and the UCA 14.0 ones of 10.10 and later
        range(StandardCharsets.UTF_8, 576, 639);
        range(utf16, 640, 703);
        range(utf32, 736, 767);
        range(StandardCharsets.UTF_8, 2048, 2559);
        range(utf16, 2560, 3071);
        range(utf32, 3072, 3327);
    }

    private Collations()
    {
    }

    /** The charset of a collation, or null for {@link #BINARY}, {@link #UNKNOWN} and ids this table lacks. */
    public static Charset charset(final int collationId)
    {
        return collationId >= 0 && collationId < MAX_ID ? CHARSETS[collationId] : null;
    }

    private static void map(final Charset charset, final int... ids)
    {
        for (final int id : ids)
        {
            CHARSETS[id] = charset;
        }
    }

    private static void range(final Charset charset, final int first, final int last)
    {
        for (int id = first; id <= last; id++)
        {
            CHARSETS[id] = charset;
        }
    }

    private static void named(final String name, final int... ids)
    {
        if (Charset.isSupported(name))
        {
            map(Charset.forName(name), ids);
        }
    }
}

package io.semisync.replica.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The text of a time to search for: ISO-8601 with an offset ({@code 2026-12-06T15:20:00Z}) or MySQL's
 * {@code 2026-12-06 15:20:00}, taken as UTC (binlog events are stamped in seconds since the epoch).
 */
public final class ArchiveTime
{
    private static final DateTimeFormatter MYSQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ArchiveTime()
    {
    }

    /**
     * @throws ArchiveSearchException if {@code text} is neither form.
     */
    public static Instant parse(final String text)
    {
        final String trimmed = text.strip();
        try
        {
            return trimmed.indexOf('T') > 0 ? OffsetDateTime.parse(trimmed).toInstant()
                : LocalDateTime.parse(trimmed, MYSQL_DATETIME).toInstant(ZoneOffset.UTC);
        }
        catch (final DateTimeParseException ex)
        {
            throw new ArchiveSearchException("'" + text + "' is not a time: give 2026-12-06T15:20:00Z (ISO-8601 with an offset) or "
                + "2026-12-06 15:20:00 (UTC)", ex);
        }
    }
}

package io.semisync.protocol.rows;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The fields of a DATE, TIME, DATETIME or TIMESTAMP value, decoded from any of their binlog layouts into
 * this reused holder, and their ISO-8601 text. A TIMESTAMP is seconds since the epoch in UTC (0 is MySQL's zero
 * timestamp, whose fields stay zero); the others are calendar fields as stored, zero dates ({@code 0000-00-00}) included.
 * <pre>
 *   DATE        3 bytes LE: day 5 bits, month 4 bits, year 15 bits
 *   TIME2       3 bytes BE + fraction: 0x800000 + (sign, hour 10 bits, minute 6, second 6)
 *   DATETIME2   5 bytes BE + fraction: 0x8000000000 + (sign, year*13+month 17 bits, day 5, hour 5, minute 6, second 6)
 *   TIMESTAMP2  4 bytes BE seconds + fraction
 *   fraction    (fsp + 1) / 2 bytes BE: hundredths, ten-thousandths or millionths of a second
 *   TIME, DATETIME, TIMESTAMP (before MySQL 5.6): LE integers HHMMSS, YYYYMMDDHHMMSS, seconds
 * </pre>
 */
final class TemporalValue
{
    static final int MAX_CHARS = 40;
    private static final long TIME2_OFFSET = 0x800000L;
    private static final long DATETIME2_OFFSET = 0x80_0000_0000L;

    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int micros;
    boolean negative;
    long epochSecond;
    /** A TIMESTAMP whose calendar fields are not yet computed from {@link #epochSecond}. */
    private boolean civilPending;

    /** Bytes of a value of this type with {@code fsp} fractional digits. */
    static int size(final int type, final int fsp)
    {
        return switch (type)
        {
            case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.TIME -> 3;
            case ColumnType.TIMESTAMP -> 4;
            case ColumnType.DATETIME -> 8;
            case ColumnType.TIME2 -> 3 + (fsp + 1) / 2;
            case ColumnType.DATETIME2 -> 5 + (fsp + 1) / 2;
            case ColumnType.TIMESTAMP2 -> 4 + (fsp + 1) / 2;
            default -> throw new IllegalArgumentException(ColumnType.name(type) + " is not temporal");
        };
    }

    void decode(final int type, final int fsp, final DirectBuffer buffer, final int offset)
    {
        clear();
        switch (type)
        {
            case ColumnType.DATE, ColumnType.NEWDATE -> decodeDate(buffer, offset);
            case ColumnType.TIME -> decodeOldTime(buffer, offset);
            case ColumnType.DATETIME -> decodeOldDatetime(buffer, offset);
            case ColumnType.TIMESTAMP -> epochSecond = buffer.getInt(offset, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            case ColumnType.TIME2 -> decodeTime2(buffer, offset, fsp);
            case ColumnType.DATETIME2 -> decodeDatetime2(buffer, offset, fsp);
            case ColumnType.TIMESTAMP2 ->
            {
                epochSecond = bigEndian(buffer, offset, 4);
                micros = fractionMicros(buffer, offset + 4, fsp);
            }
            default -> throw new IllegalArgumentException(ColumnType.name(type) + " is not temporal");
        }
        if ((type == ColumnType.TIMESTAMP || type == ColumnType.TIMESTAMP2) && (epochSecond != 0 || micros != 0))
        {
            civilPending = true;
            if (micros > 999_999)
            {
                throw new RowDecodeException(ColumnType.name(type) + " fraction " + micros + " is out of range");
            }
        }
        else
        {
            check(type);
        }
    }

    /** The calendar fields, computed now for a TIMESTAMP (a TIMESTAMP read as epoch seconds never needs them). */
    TemporalValue civil()
    {
        if (civilPending)
        {
            civilPending = false;
            civilFromEpoch();
        }
        return this;
    }

    private void clear()
    {
        year = 0;
        month = 0;
        day = 0;
        hour = 0;
        minute = 0;
        second = 0;
        micros = 0;
        negative = false;
        epochSecond = 0;
        civilPending = false;
    }

    private void decodeDate(final DirectBuffer buffer, final int offset)
    {
        final int value = (buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF) | (buffer.getByte(offset + 2) & 0xFF) << 16;
        day = value & 31;
        month = (value >> 5) & 15;
        year = value >> 9;
    }

    private void decodeOldTime(final DirectBuffer buffer, final int offset)
    {
        int value = (buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF) | buffer.getByte(offset + 2) << 16;
        if (value < 0)
        {
            negative = true;
            value = -value;
        }
        hour = value / 10000;
        minute = value / 100 % 100;
        second = value % 100;
    }

    private void decodeOldDatetime(final DirectBuffer buffer, final int offset)
    {
        final long value = buffer.getLong(offset, LITTLE_ENDIAN);
        if (value < 0)
        {
            throw new RowDecodeException("DATETIME value " + value + " is negative");
        }
        final long date = value / 1_000_000;
        final long time = value % 1_000_000;
        year = (int)(date / 10000);
        month = (int)(date / 100 % 100);
        day = (int)(date % 100);
        hour = (int)(time / 10000);
        minute = (int)(time / 100 % 100);
        second = (int)(time % 100);
    }

    private void decodeTime2(final DirectBuffer buffer, final int offset, final int fsp)
    {
        long packed;
        if (fsp >= 5)
        {
            packed = bigEndian(buffer, offset, 6) - (TIME2_OFFSET << 24);
        }
        else
        {
            long integer = bigEndian(buffer, offset, 3) - TIME2_OFFSET;
            long fraction = 0;
            if (fsp >= 1)
            {
                final int bytes = (fsp + 1) / 2;
                fraction = bigEndian(buffer, offset + 3, bytes);
                if (integer < 0 && fraction != 0)
                {
                    integer++;
                    fraction -= 1L << (8 * bytes);
                }
                fraction *= bytes == 1 ? 10000 : 100;
            }
            packed = (integer << 24) + fraction;
        }
        if (packed < 0)
        {
            negative = true;
            packed = -packed;
        }
        micros = (int)(packed & 0xFF_FFFF);
        final long hms = packed >> 24;
        hour = (int)((hms >> 12) & 0x3FF);
        minute = (int)((hms >> 6) & 0x3F);
        second = (int)(hms & 0x3F);
    }

    private void decodeDatetime2(final DirectBuffer buffer, final int offset, final int fsp)
    {
        final long integer = bigEndian(buffer, offset, 5) - DATETIME2_OFFSET;
        if (integer < 0)
        {
            throw new RowDecodeException("DATETIME2 value " + integer + " is negative");
        }
        micros = fractionMicros(buffer, offset + 5, fsp);
        final long yearMonthDay = integer >> 17;
        final long yearMonth = yearMonthDay >> 5;
        day = (int)(yearMonthDay & 31);
        month = (int)(yearMonth % 13);
        year = (int)(yearMonth / 13);
        final long hms = integer & 0x1FFFF;
        hour = (int)(hms >> 12);
        minute = (int)((hms >> 6) & 0x3F);
        second = (int)(hms & 0x3F);
    }

    private static int fractionMicros(final DirectBuffer buffer, final int offset, final int fsp)
    {
        return switch ((fsp + 1) / 2)
        {
            case 0 -> 0;
            case 1 -> (int)bigEndian(buffer, offset, 1) * 10000;
            case 2 -> (int)bigEndian(buffer, offset, 2) * 100;
            default -> (int)bigEndian(buffer, offset, 3);
        };
    }

    /** An unsigned big-endian integer of 1 to 6 bytes. */
    private static long bigEndian(final DirectBuffer buffer, final int offset, final int bytes)
    {
        return switch (bytes)
        {
            case 1 -> buffer.getByte(offset) & 0xFFL;
            case 2 -> buffer.getShort(offset, BIG_ENDIAN) & 0xFFFFL;
            case 3 -> (buffer.getShort(offset, BIG_ENDIAN) & 0xFFFFL) << 8 | (buffer.getByte(offset + 2) & 0xFFL);
            case 4 -> buffer.getInt(offset, BIG_ENDIAN) & 0xFFFF_FFFFL;
            case 5 -> (buffer.getInt(offset, BIG_ENDIAN) & 0xFFFF_FFFFL) << 8 | (buffer.getByte(offset + 4) & 0xFFL);
            default -> (buffer.getInt(offset, BIG_ENDIAN) & 0xFFFF_FFFFL) << 16 | (buffer.getShort(offset + 4, BIG_ENDIAN) & 0xFFFFL);
        };
    }

    /** Days since 1970-01-01 to the proleptic Gregorian calendar (the era-based algorithm of H. Hinnant). */
    private void civilFromEpoch()
    {
        final long days = Math.floorDiv(epochSecond, 86400);
        final long secondOfDay = Math.floorMod(epochSecond, 86400);
        hour = (int)(secondOfDay / 3600);
        minute = (int)(secondOfDay / 60 % 60);
        second = (int)(secondOfDay % 60);
        final long shifted = days + 719468;
        final long era = Math.floorDiv(shifted, 146097);
        final long dayOfEra = shifted - era * 146097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthIndex = (5 * dayOfYear + 2) / 153;
        day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    }

    private void check(final int type)
    {
        final boolean time = type == ColumnType.TIME || type == ColumnType.TIME2;
        if (month > 12 || day > 31 || year > 9999 || (!time && hour > 23) || hour > 838 || minute > 59 || second > 59
            || micros > 999_999 || micros < 0)
        {
            throw new RowDecodeException(ColumnType.name(type) + " value " + year + "-" + month + "-" + day + " " + hour
                + ":" + minute + ":" + second + "." + micros + " is out of range");
        }
    }

    /** ISO text: {@code 2024-02-29}, {@code -838:59:59.000000}, {@code 2024-02-29T13:14:15.5}, {@code ...Z}. */
    int format(final int type, final int fsp, final char[] out)
    {
        civil();
        int length = 0;
        switch (type)
        {
            case ColumnType.DATE, ColumnType.NEWDATE -> length = date(out, length);
            case ColumnType.TIME, ColumnType.TIME2 ->
            {
                if (negative)
                {
                    out[length++] = '-';
                }
                length = time(out, hour < 100 ? 2 : 3, length, fsp);
            }
            default ->
            {
                length = date(out, length);
                out[length++] = 'T';
                length = time(out, 2, length, fsp);
                if (type == ColumnType.TIMESTAMP || type == ColumnType.TIMESTAMP2)
                {
                    out[length++] = 'Z';
                }
            }
        }
        return length;
    }

    private int date(final char[] out, final int at)
    {
        int length = digits(year, 4, out, at);
        out[length++] = '-';
        length = digits(month, 2, out, length);
        out[length++] = '-';
        return digits(day, 2, out, length);
    }

    private int time(final char[] out, final int hourDigits, final int at, final int fsp)
    {
        int length = digits(hour, hourDigits, out, at);
        out[length++] = ':';
        length = digits(minute, 2, out, length);
        out[length++] = ':';
        length = digits(second, 2, out, length);
        if (fsp > 0)
        {
            out[length++] = '.';
            int scaled = micros;
            for (int i = fsp; i < 6; i++)
            {
                scaled /= 10;
            }
            length = digits(scaled, fsp, out, length);
        }
        return length;
    }

    private static int digits(final int value, final int width, final char[] out, final int at)
    {
        int rest = value;
        for (int i = width - 1; i >= 0; i--)
        {
            out[at + i] = (char)('0' + rest % 10);
            rest /= 10;
        }
        return at + width;
    }
}

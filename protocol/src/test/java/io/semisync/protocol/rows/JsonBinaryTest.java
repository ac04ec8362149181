package io.semisync.protocol.rows;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MySQL's binary JSON, built by hand per its layout, rendered as JSON text. */
class JsonBinaryTest
{
    @Test
    void smallObjectWithAnArrayAndInlinedScalars()
    {
        final Bytes document = new Bytes().u8(JsonBinary.SMALL_OBJECT)
            .u16(2).u16(32)                                     // 2 members, 32 bytes from here
            .u16(18).u16(1).u16(19).u16(1)                      // keys "a" at 18, "b" at 19
            .u8(JsonBinary.SMALL_ARRAY).u16(20)                 // a: array at 20
            .u8(JsonBinary.STRING).u16(30)                      // b: string at 30
            .utf8("ab")                                         // the keys
            .u16(2).u16(10)                                     // the array: 2 elements, 10 bytes
            .u8(JsonBinary.INT16).u16(1)                        //   1, inlined
            .u8(JsonBinary.LITERAL).u16(JsonBinary.LITERAL_TRUE) //  true, inlined
            .u8(1).utf8("x");                                   // "x": length 1, then UTF-8
        assertThat(render(document)).isEqualTo("{\"a\":[1,true],\"b\":\"x\"}");
    }

    @Test
    void largeArrayInlinesThirtyTwoBitIntegers()
    {
        final Bytes document = new Bytes().u8(JsonBinary.LARGE_ARRAY)
            .u32(2).u32(18)                                     // 2 elements, 18 bytes
            .u8(JsonBinary.INT32).u32(-70000 & 0xFFFF_FFFFL)    // inlined
            .u8(JsonBinary.LITERAL).u32(JsonBinary.LITERAL_NULL);
        assertThat(render(document)).isEqualTo("[-70000,null]");
    }

    @Test
    void scalarsAtTheTop()
    {
        assertThat(render(new Bytes().u8(JsonBinary.UINT64).u64(-1L))).isEqualTo("18446744073709551615");
        assertThat(render(new Bytes().u8(JsonBinary.DOUBLE).u64(Double.doubleToLongBits(1.5)))).isEqualTo("1.5");
        // 130 bytes of UTF-8: the length in two 7-bit groups, low first (2 + 1 * 128)
        assertThat(render(new Bytes().u8(JsonBinary.STRING).u8(0x80 | 2, 1).utf8("é".repeat(65)))).isEqualTo("\"" + "é".repeat(65) + "\"");
        assertThat(render(new Bytes())).isEqualTo("null");
    }

    @Test
    void opaqueDecimalAndDatetimeRenderAsMysqlPrintsThem()
    {
        // DECIMAL(14,4) 1234567890.1234 after its precision and scale
        final Bytes decimal = new Bytes().u8(JsonBinary.OPAQUE, ColumnType.NEWDECIMAL, 9, 14, 4, 0x81, 0x0D, 0xFB, 0x38, 0xD2, 0x04, 0xD2);
        assertThat(render(decimal)).isEqualTo("1234567890.1234");
        // DATETIME 2024-02-29 13:14:15.123456 as MySQL's packed long: (date and time fields << 24) + microseconds
        final long fields = ((2024L * 13 + 2) << 5 | 29) << 17 | 13 << 12 | 14 << 6 | 15;
        final Bytes datetime = new Bytes().u8(JsonBinary.OPAQUE, ColumnType.DATETIME, 8).u64((fields << 24) + 123456);
        assertThat(render(datetime)).isEqualTo("\"2024-02-29 13:14:15.123456\"");
    }

    @Test
    void offsetsAndLengthsPastTheEndAreErrors()
    {
        final Bytes pastEnd = new Bytes().u8(JsonBinary.SMALL_ARRAY).u16(1).u16(7).u8(JsonBinary.STRING).u16(40);
        assertThatThrownBy(() -> render(pastEnd)).isInstanceOf(RowDecodeException.class).hasMessageContaining("past its container");
        final Bytes longString = new Bytes().u8(JsonBinary.STRING).u8(10).utf8("abc");
        assertThatThrownBy(() -> render(longString)).isInstanceOf(RowDecodeException.class).hasMessageContaining("runs past its end");
        final Bytes tooBig = new Bytes().u8(JsonBinary.SMALL_OBJECT).u16(1).u16(200);
        assertThatThrownBy(() -> render(tooBig)).isInstanceOf(RowDecodeException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> render(new Bytes().u8(0x42))).isInstanceOf(RowDecodeException.class).hasMessageContaining("type 66");
    }

    @Test
    void entriesPointingAtOneValueTwiceAreRefusedBeforeRenderingItOverAndOver()
    {
        final Bytes empty = new Bytes().u16(0).u16(4);                          // [] (count 0, size 4)
        byte[] nested = empty.toArray();
        for (int depth = 0; depth < 40; depth++)                               // 2^40 renderings from about 400 bytes
        {
            nested = new Bytes().u16(2).u16(10 + nested.length)                 // 2 elements
                .u8(JsonBinary.SMALL_ARRAY).u16(10)                             // both at offset 10: the same array
                .u8(JsonBinary.SMALL_ARRAY).u16(10)
                .bytes(nested).toArray();
        }
        final Bytes shared = new Bytes().u8(JsonBinary.SMALL_ARRAY).bytes(nested);
        assertThatThrownBy(() -> render(shared)).isInstanceOf(RowDecodeException.class)
            .hasMessageContaining("points several entries at the same bytes");
        final Bytes sharedString = new Bytes().u8(JsonBinary.SMALL_ARRAY).u16(2).u16(12)
            .u8(JsonBinary.STRING).u16(10).u8(JsonBinary.STRING).u16(10).u8(1).utf8("x");
        assertThatThrownBy(() -> render(sharedString)).isInstanceOf(RowDecodeException.class)
            .hasMessageContaining("points several entries at the same bytes");
    }

    private static String render(final Bytes document)
    {
        final byte[] bytes = document.toArray();
        final StringBuilder out = new StringBuilder();
        new JsonBinary().render(Bytes.at(bytes), Bytes.OFFSET, bytes.length, new AppendableJsonOutput().wrap(out));
        return out.toString();
    }
}

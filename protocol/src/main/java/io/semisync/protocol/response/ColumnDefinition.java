package io.semisync.protocol.response;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.wire.LengthEncoding;

/**
 * One column of a result set (ColumnDefinition41).
 *
 * <pre>
 * lenenc str  catalog ("def")
 * lenenc str  schema
 * lenenc str  table alias
 * lenenc str  original table
 * lenenc str  column alias
 * lenenc str  original column
 * lenenc      length of the fixed fields (0x0C)
 * u16         collation id
 * u32         maximum column length
 * u8          column type
 * u16         column flags
 * u8          decimals
 * 2 bytes     filler
 * </pre>
 *
 * @param schema        database of the column, empty for expressions
 * @param table         table alias
 * @param originalTable table name
 * @param name          column alias, the label a client shows
 * @param originalName  column name
 * @param characterSet  collation id of the values
 * @param columnLength  maximum display length
 * @param type          MySQL column type code, e.g. 0xFD for VARCHAR
 * @param flags         column flags, e.g. NOT_NULL
 * @param decimals      number of decimals
 */
public record ColumnDefinition(
    String schema,
    String table,
    String originalTable,
    String name,
    String originalName,
    int characterSet,
    long columnLength,
    int type,
    int flags,
    int decimals) implements ServerMessage
{
    /** Bytes of the fixed-length part after the strings, as announced by its length prefix. */
    public static final int FIXED_FIELDS_LENGTH = 0x0C;
    /** The catalog, always "def". */
    public static final String CATALOG = "def";

    private static final int FILLER_LENGTH = 2;

    /** Reads a column definition payload; the reader index moves to its end. */
    public static ColumnDefinition decode(final ByteBuf in)
    {
        LengthEncoding.readString(in);
        final String schema = LengthEncoding.readString(in);
        final String table = LengthEncoding.readString(in);
        final String originalTable = LengthEncoding.readString(in);
        final String name = LengthEncoding.readString(in);
        final String originalName = LengthEncoding.readString(in);
        final long fixedLength = LengthEncoding.readInteger(in);
        if (fixedLength < FIXED_FIELDS_LENGTH || in.readableBytes() < FIXED_FIELDS_LENGTH)
        {
            throw new MalformedPacketException("column definition of " + name + " has " + in.readableBytes() +
                " bytes of fixed fields, announced " + fixedLength + ", expected " + FIXED_FIELDS_LENGTH);
        }
        final int characterSet = in.readUnsignedShortLE();
        final long columnLength = in.readUnsignedIntLE();
        final int type = in.readUnsignedByte();
        final int flags = in.readUnsignedShortLE();
        final int decimals = in.readUnsignedByte();
        in.skipBytes(in.readableBytes());
        return new ColumnDefinition(schema, table, originalTable, name, originalName, characterSet, columnLength, type, flags, decimals);
    }

    @Override
    public int payloadLength()
    {
        int length = 0;
        for (final String text : new String[] {CATALOG, schema, table, originalTable, name, originalName})
        {
            length += LengthEncoding.stringLength(text.getBytes(StandardCharsets.UTF_8).length);
        }
        return length + LengthEncoding.integerLength(FIXED_FIELDS_LENGTH) + FIXED_FIELDS_LENGTH;
    }

    @Override
    public void writePayload(final ByteBuf out)
    {
        for (final String text : new String[] {CATALOG, schema, table, originalTable, name, originalName})
        {
            LengthEncoding.writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
        }
        LengthEncoding.writeInteger(out, FIXED_FIELDS_LENGTH);
        out.writeShortLE(characterSet);
        out.writeIntLE((int)columnLength);
        out.writeByte(type);
        out.writeShortLE(flags);
        out.writeByte(decimals);
        out.writeZero(FILLER_LENGTH);
    }
}

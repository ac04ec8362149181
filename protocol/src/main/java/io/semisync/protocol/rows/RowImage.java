package io.semisync.protocol.rows;

/** Which image of a row the columns belong to: before the change (UPDATE, DELETE) or after it (INSERT, UPDATE). */
public enum RowImage
{
    BEFORE,
    AFTER
}

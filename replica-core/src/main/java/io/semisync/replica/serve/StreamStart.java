package io.semisync.replica.serve;

/**
 * What opens a dump: the source's server id for the artificial ROTATE, and the source's FORMAT_DESCRIPTION event
 * (checksum included) that follows it.
 */
record StreamStart(long serverId, byte[] formatDescription)
{
}

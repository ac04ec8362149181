package io.semisync.protocol;

/**
 * A message the server sends: the greeting, an authentication step, or a packet of the answer to a command.
 * It continues the sequence of the exchange it belongs to.
 */
public interface ServerMessage extends WireMessage
{
}

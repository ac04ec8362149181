package io.semisync.protocol;

/** A message the client sends: a command, the login or an authentication reply. */
public interface ClientMessage extends WireMessage
{
}

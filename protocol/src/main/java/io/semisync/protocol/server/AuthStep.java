package io.semisync.protocol.server;

import io.semisync.protocol.ServerMessage;

/** What a login's password exchange does after a message from the client. */
sealed interface AuthStep permits AuthStep.Reply, AuthStep.Accept, AuthStep.Deny
{
    /** Send {@code message} and wait for the client's answer. */
    record Reply(ServerMessage message) implements AuthStep
    {
    }

    /** The password is proven; send {@code notice} (or nothing, when {@code null}) before the OK. */
    record Accept(ServerMessage notice) implements AuthStep
    {
    }

    /**
     * Access denied.
     *
     * @param passwordUsed  whether the client sent password data, for "(using password: YES)"
     */
    record Deny(boolean passwordUsed) implements AuthStep
    {
    }
}

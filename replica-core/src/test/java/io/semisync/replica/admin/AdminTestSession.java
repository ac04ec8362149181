package io.semisync.replica.admin;

import io.semisync.protocol.server.ServerSession;

/** An admin session from 127.0.0.1, user {@code admin}, no schema, no TLS. */
final class AdminTestSession implements ServerSession
{
    @Override
    public long connectionId()
    {
        return 42;
    }

    @Override
    public String user()
    {
        return "admin";
    }

    @Override
    public String clientHost()
    {
        return "127.0.0.1";
    }

    @Override
    public boolean secure()
    {
        return false;
    }

    @Override
    public String schema()
    {
        return null;
    }
}

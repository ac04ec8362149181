package io.semisync.protocol.server;

/** What a {@link SessionHandler} knows about the logged-in connection a command came from. */
public interface ServerSession
{
    /** The connection id the greeting announced (what {@code CONNECTION_ID()} returns). */
    long connectionId();

    /** The user that logged in. */
    String user();

    /** The client's IP address as text, e.g. {@code 127.0.0.1}, as it appears in {@code 'user'@'host'}. */
    String clientHost();

    /** Whether the connection is encrypted with TLS. */
    boolean secure();

    /** The current default database ({@code USE db}, COM_INIT_DB or the login's database), or {@code null}. */
    String schema();
}

package io.semisync.protocol.handshake;

/** Which server family answered: they share the client protocol but differ in replication dialect. */
public enum ServerFlavor
{
    MYSQL,
    MARIADB
}

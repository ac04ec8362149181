package io.semisync.sources;

import java.nio.file.Path;
import java.util.List;

/**
 * PEM files of the test TLS setup: the CA that signed the servers' certificates (with
 * {@code subjectAltName} localhost and 127.0.0.1), a client certificate and key signed by it, and an
 * unrelated CA that must not verify the servers.
 */
public record TlsFiles(Path ca, Path clientCertificate, Path clientKey, Path unrelatedCa)
{
    /** File names of the servers' own certificate and key, beside the CA. */
    static final List<String> SERVER_FILES = List.of("ca.pem", "server-cert.pem", "server-key.pem");

    /** The files {@code scripts/provision-sources.sh} installed, for servers of our own (the replica's endpoints in tests). */
    public static TlsFiles provisioned()
    {
        return LocalInstallation.fromEnvironment().tls();
    }

    /** The certificate the test servers present, signed by {@link #ca()}. */
    public Path serverCertificate()
    {
        return ca().resolveSibling(SERVER_FILES.get(1));
    }

    /** The PKCS#8 key of {@link #serverCertificate()}. */
    public Path serverKey()
    {
        return ca().resolveSibling(SERVER_FILES.get(2));
    }

    /** The files as {@code scripts/provision-sources.sh} writes them to {@code dir}. */
    public static TlsFiles in(final Path dir)
    {
        return new TlsFiles(
            dir.resolve("ca.pem"), dir.resolve("client-cert.pem"), dir.resolve("client-key.pem"), dir.resolve("other-ca.pem"));
    }
}

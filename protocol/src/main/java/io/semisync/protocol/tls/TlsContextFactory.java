package io.semisync.protocol.tls;

import java.nio.file.Path;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.semisync.protocol.ProtocolException;

/**
 * Builds the client {@link SslContext} for a {@link TlsMode}: which certificates are trusted and whether the
 * host name is checked. Host names and IP addresses are matched by the JDK's HTTPS endpoint identification,
 * so the {@code SslHandler} must be created with the peer's host and port.
 */
public final class TlsContextFactory
{
    private static final String HTTPS_IDENTIFICATION = "HTTPS";

    private TlsContextFactory()
    {
    }

    /**
     * @param caCertificate      PEM file of the CA to trust, or {@code null} (then PREFERRED and REQUIRED trust any certificate)
     * @param clientCertificate  PEM file of the client certificate, or {@code null}
     * @param clientKey          PEM file of its PKCS#8 private key ({@code BEGIN PRIVATE KEY}), or {@code null}
     */
    public static SslContext create(final TlsMode mode, final Path caCertificate, final Path clientCertificate, final Path clientKey)
    {
        if (mode == TlsMode.DISABLED)
        {
            throw new IllegalArgumentException("no TLS context for tlsMode=DISABLED");
        }
        try
        {
            final SslContextBuilder builder = SslContextBuilder.forClient();
            final boolean verify = mode.requiresCa() || (mode == TlsMode.REQUIRED && caCertificate != null);
            if (verify)
            {
                builder.trustManager(caCertificate.toFile());
            }
            else
            {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            builder.endpointIdentificationAlgorithm(mode == TlsMode.VERIFY_IDENTITY ? HTTPS_IDENTIFICATION : null);
            if (clientCertificate != null)
            {
                builder.keyManager(clientCertificate.toFile(), clientKey.toFile());
            }
            return builder.build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new ProtocolException("cannot set up TLS (tlsMode=" + mode + ", CA " + caCertificate + ", certificate " +
                clientCertificate + ", key " + clientKey + "): " + ex.getMessage(), ex);
        }
    }
}

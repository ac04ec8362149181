package io.semisync.protocol.tls;

/** How a connection uses TLS; the same modes and meanings as the {@code mysql} client's {@code --ssl-mode}. */
public enum TlsMode
{
    /** Never encrypt. */
    DISABLED,
    /** Encrypt when the server offers TLS, otherwise continue in clear; certificates are not verified. */
    PREFERRED,
    /** Encrypt or fail; the certificate is verified only when a CA file is configured. */
    REQUIRED,
    /** Encrypt and verify the server certificate against the configured CA. */
    VERIFY_CA,
    /** As VERIFY_CA, and the certificate must name the host connected to (DNS name or IP address). */
    VERIFY_IDENTITY;

    /** Whether the connection fails when the server does not offer TLS. */
    public boolean requiresTls()
    {
        return this != DISABLED && this != PREFERRED;
    }

    /** Whether a CA file must be configured. */
    public boolean requiresCa()
    {
        return this == VERIFY_CA || this == VERIFY_IDENTITY;
    }
}

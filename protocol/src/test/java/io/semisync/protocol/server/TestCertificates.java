package io.semisync.protocol.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

/** A self-signed certificate for localhost, made once per run, as the server's TLS context in tests. */
final class TestCertificates
{
    private TestCertificates()
    {
    }

    static SslContext serverTls() throws Exception
    {
        final X509Bundle certificate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost").setIsCertificateAuthority(true)
            .rsa2048().buildSelfSigned();
        return SslContextBuilder.forServer(certificate.getKeyPair().getPrivate(), certificate.getCertificatePath()).build();
    }
}

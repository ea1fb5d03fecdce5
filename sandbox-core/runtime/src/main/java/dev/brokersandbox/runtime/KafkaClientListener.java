package dev.brokersandbox.runtime;

import java.util.List;
import java.util.Map;

/**
 * The listener Kafka's clients connect to, and what securing it takes: its name (Kafka's
 * convention: the name of its security protocol) and the broker settings that go with it.
 *
 * @param caCertificate the PEM certificate clients must trust, or null without TLS
 */
record KafkaClientListener(String name, String protocol, Map<String, String> settings, String caCertificate) {

    static KafkaClientListener of(boolean tls, String host, String advertisedHost) {
        if (!tls) {
            return new KafkaClientListener("PLAINTEXT", "PLAINTEXT", Map.of(), null);
        }
        CertificateAuthority authority = CertificateAuthority.ofJvm();
        CertificateAuthority.ServerIdentity identity =
                authority.issueServerIdentity(List.of(advertisedHost, host, "localhost", "127.0.0.1"));
        // PEM in the configuration itself: no key store file to place, protect and delete (KIP-651).
        return new KafkaClientListener("SSL", "SSL", Map.of(
                "ssl.keystore.type", "PEM",
                "ssl.keystore.key", identity.keyPem(),
                "ssl.keystore.certificate.chain", identity.chainPem()), authority.certificatePem());
    }

    /** Whether clients need more than a plain connection, so brokers keep a listener of their own. */
    boolean secured() {
        return !protocol.equals("PLAINTEXT");
    }
}

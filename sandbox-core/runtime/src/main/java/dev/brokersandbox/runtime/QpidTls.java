package dev.brokersandbox.runtime;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The TLS side of Qpid's configuration: a key store file in the broker's work directory (deleted
 * with it), holding a key and certificate of the JVM's {@link CertificateAuthority}, and the port
 * settings that make the AMQP port speak TLS only, as RabbitMQ's amqps listener does.
 */
final class QpidTls {

    private static final String KEY_STORE_NAME = "sandbox-tls";

    private final Path keyStore;
    private final String password;
    private final String caCertificate;

    private QpidTls(Path keyStore, String password, String caCertificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.caCertificate = caCertificate;
    }

    /** Issues the broker's certificate for {@code hosts} and writes its key store into {@code workDir}. */
    static QpidTls create(Path workDir, Collection<String> hosts) {
        CertificateAuthority authority = CertificateAuthority.ofJvm();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path file = workDir.resolve("tls-keystore.p12");
        authority.issueServerIdentity(hosts).writePkcs12(file, "broker", password.toCharArray());
        return new QpidTls(file, password, authority.certificatePem());
    }

    String caCertificate() {
        return caCertificate;
    }

    /** The {@code keystores} entry of the broker's initial configuration, with its trailing comma. */
    String keyStoreJson() {
        return """

                  "keystores": [ {
                    "name": "%s",
                    "type": "FileKeyStore",
                    "storeUrl": %s,
                    "keyStoreType": "PKCS12",
                    "password": %s
                  } ],""".formatted(KEY_STORE_NAME, QpidEmbedding.json(keyStore.toString()), QpidEmbedding.json(password));
    }

    /** The AMQP port's TLS attributes, with their trailing comma. */
    String portJson() {
        return """

                    "transports": [ "SSL" ],
                    "keyStore": "%s",""".formatted(KEY_STORE_NAME);
    }
}

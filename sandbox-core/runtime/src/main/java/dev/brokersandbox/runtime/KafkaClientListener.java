package dev.brokersandbox.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.server.common.ApiMessageAndVersion;

/**
 * The listener Kafka's clients connect to, and what securing it takes: its name (Kafka's
 * convention: the name of its security protocol), the broker settings that go with it, and the
 * SCRAM credentials the metadata log must start with.
 *
 * @param caCertificate the PEM certificate clients must trust, or null without TLS
 * @param scramCredentials records for the storage formatter, as {@code kafka-storage format --add-scram}
 *                         writes them: a KRaft broker reads SCRAM users from the metadata log only
 */
record KafkaClientListener(String name, String protocol, Map<String, String> settings, String caCertificate,
                           List<ApiMessageAndVersion> scramCredentials) {

    /**
     * @param saslMechanism Kafka's name of the mechanism clients authenticate with, or null for none
     * @param users name to password, for {@code saslMechanism}
     */
    static KafkaClientListener of(boolean tls, String saslMechanism, Map<String, String> users, String host,
                                  String advertisedHost) {
        String protocol = (saslMechanism == null ? "" : "SASL_") + (tls ? "SSL" : "PLAINTEXT");
        Map<String, String> settings = new HashMap<>();
        String caCertificate = null;
        if (tls) {
            CertificateAuthority authority = CertificateAuthority.ofJvm();
            CertificateAuthority.ServerIdentity identity =
                    authority.issueServerIdentity(List.of(advertisedHost, host, "localhost", "127.0.0.1"));
            // PEM in the configuration itself: no key store file to place, protect and delete (KIP-651).
            settings.put("ssl.keystore.type", "PEM");
            settings.put("ssl.keystore.key", identity.keyPem());
            settings.put("ssl.keystore.certificate.chain", identity.chainPem());
            caCertificate = authority.certificatePem();
        }
        List<ApiMessageAndVersion> scram = List.of();
        if (saslMechanism != null) {
            String prefix = "listener.name." + protocol.toLowerCase(Locale.ROOT) + "."
                    + saslMechanism.toLowerCase(Locale.ROOT) + ".";
            settings.put("sasl.enabled.mechanisms", saslMechanism);
            if (saslMechanism.equals("PLAIN")) {
                // PLAIN's broker side checks passwords against these JAAS options (PlainServerCallbackHandler).
                settings.put(prefix + "sasl.jaas.config", jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                        users, "user_"));
            } else {
                // SCRAM's broker side needs the login module named, and finds users in the metadata log.
                settings.put(prefix + "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                        Map.of(), ""));
                scram = scramCredentials(saslMechanism, users);
            }
        }
        return new KafkaClientListener(protocol, protocol, Map.copyOf(settings), caCertificate, scram);
    }

    /**
     * What a client of this listener sets, its login aside: the protocol and, with TLS, the
     * authority's certificate to trust.
     */
    Map<String, Object> clientSecurity() {
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", protocol);
        if (caCertificate != null) {
            config.put("ssl.truststore.type", "PEM");
            config.put("ssl.truststore.certificates", caCertificate);
        }
        return config;
    }

    /** Whether clients need more than a plain connection, so brokers keep a listener of their own. */
    boolean secured() {
        return !protocol.equals("PLAINTEXT");
    }

    private static String jaas(String loginModule, Map<String, String> options, String keyPrefix) {
        StringBuilder b = new StringBuilder(loginModule).append(" required");
        options.forEach((key, value) -> b.append(' ').append(keyPrefix).append(key).append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return b.append(';').toString();
    }

    /** Built here rather than through the formatter's text arguments, which cannot carry a ',' in a password. */
    private static List<ApiMessageAndVersion> scramCredentials(String mechanismName, Map<String, String> users) {
        ScramMechanism mechanism = ScramMechanism.forMechanismName(mechanismName);
        List<ApiMessageAndVersion> records = new ArrayList<>();
        try {
            ScramFormatter formatter = new ScramFormatter(mechanism);
            for (Map.Entry<String, String> user : users.entrySet()) {
                byte[] salt = formatter.secureRandomBytes();
                byte[] salted = formatter.saltedPassword(user.getValue(), salt, ScramUsers.ITERATIONS);
                records.add(new ApiMessageAndVersion(new UserScramCredentialRecord()
                        .setName(user.getKey())
                        .setMechanism(mechanism.type())
                        .setSalt(salt)
                        .setStoredKey(formatter.storedKey(formatter.clientKey(salted)))
                        .setServerKey(formatter.serverKey(salted))
                        .setIterations(ScramUsers.ITERATIONS), (short) 0));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the SCRAM credentials of Kafka's users: " + e, e);
        }
        return records;
    }
}

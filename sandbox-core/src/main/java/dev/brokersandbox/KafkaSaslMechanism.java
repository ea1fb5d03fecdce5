package dev.brokersandbox;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How Kafka's clients authenticate when the sandbox's Kafka asks them to; see
 * {@link Sandbox.Builder#kafkaSasl(KafkaSaslMechanism, KafkaUser, KafkaUser...)}.
 */
public enum KafkaSaslMechanism {

    /** User name and password sent as they are (protect them with TLS where it matters). */
    PLAIN("PLAIN"),
    /** Salted challenge-response: the password never crosses the wire; the broker keeps only a salted hash. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** As {@link #SCRAM_SHA_256}, with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String mechanismName;

    KafkaSaslMechanism(String mechanismName) {
        this.mechanismName = mechanismName;
    }

    /** Kafka's name for it, the value of {@code sasl.mechanism}: {@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}. */
    public String mechanismName() {
        return mechanismName;
    }

    /**
     * The mechanism Kafka calls {@code name}.
     *
     * @throws IllegalArgumentException naming the mechanisms the sandbox offers
     */
    public static KafkaSaslMechanism of(String name) {
        for (KafkaSaslMechanism mechanism : values()) {
            if (mechanism.mechanismName.equals(name)) {
                return mechanism;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a SASL mechanism the sandbox's Kafka offers; use one of "
                + Arrays.stream(values()).map(m -> m.mechanismName).collect(Collectors.joining(", ")));
    }
}

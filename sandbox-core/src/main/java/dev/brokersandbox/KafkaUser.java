package dev.brokersandbox;

import java.util.Objects;

/**
 * A user of a Kafka with SASL: {@code new KafkaUser("alice", "alice-secret")}. The password is
 * never shown by {@link #toString()}.
 */
public record KafkaUser(String name, String password) {

    /** @throws IllegalArgumentException if the name or password is empty */
    public KafkaUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a Kafka user needs a name");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("Kafka user \"" + name + "\" needs a password (Kafka refuses empty ones)");
        }
    }

    @Override
    public String toString() {
        return "KafkaUser[" + name + "]";
    }
}

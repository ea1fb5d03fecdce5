package dev.brokersandbox.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Brings the SCRAM users of a Kafka whose storage was formatted before (a data directory kept
 * across sandboxes) to those declared now: the formatter's bootstrap records only count for a new
 * metadata log. Talks to the brokers' own plain loopback listener, which needs no login, and
 * returns once every declared user can log in at every broker.
 */
final class ScramUsers {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Kafka's own default, and the least a SCRAM mechanism allows. */
    static final int ITERATIONS = 4096;

    private ScramUsers() {
    }

    /**
     * @param internalBootstrap a broker's internal listener
     * @param clientBootstraps every broker's client listener, one address each
     * @param clientSecurity the client settings of the client listener, without the login
     */
    static void sync(String internalBootstrap, String mechanismName, Map<String, String> users,
                     List<String> clientBootstraps, Map<String, Object> clientSecurity) {
        ScramMechanism mechanism = ScramMechanism.fromMechanismName(mechanismName);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", internalBootstrap))) {
            List<UserScramCredentialAlteration> changes = new ArrayList<>();
            Map<String, UserScramCredentialsDescription> existing =
                    admin.describeUserScramCredentials().all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            existing.forEach((name, description) -> {
                boolean stale = !users.containsKey(name) && description.credentialInfos().stream()
                        .anyMatch(info -> info.mechanism() == mechanism);
                if (stale) {
                    changes.add(new UserScramCredentialDeletion(name, mechanism));
                }
            });
            users.forEach((name, password) -> changes.add(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(mechanism, ITERATIONS), password)));
            admin.alterUserScramCredentials(changes).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting Kafka's SCRAM users", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set the SCRAM users of Kafka's kept storage: " + e, e);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String broker : clientBootstraps) {
            users.forEach((name, password) -> awaitLogin(broker, mechanismName, name, password, clientSecurity, deadline));
        }
    }

    /** A broker applies the new credentials a moment after the controller committed them. */
    private static void awaitLogin(String broker, String mechanismName, String user, String password,
                                   Map<String, Object> clientSecurity, long deadline) {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put("bootstrap.servers", broker);
        config.put("sasl.mechanism", mechanismName);
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\" password=\""
                + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
        while (true) {
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka user " + user + " could not log in at " + broker + " within "
                            + TIMEOUT.toSeconds() + " s of setting its SCRAM credentials: " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka's SCRAM users", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka at " + broker + " did not answer within " + TIMEOUT.toSeconds()
                        + " s while checking its SCRAM users", e);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka's SCRAM users", e);
            }
        }
    }
}

package dev.brokersandbox.internal.management;

import java.util.function.Function;

import dev.brokersandbox.AmqpBroker;

/**
 * How the launcher, in another package, reaches the {@link ManagementApi} of the broker it started
 * to serve it beside its status page: {@link AmqpBroker} keeps its engine to itself and hands the
 * API out through this one door (the JDK's "shared secrets" pattern), which it opens once, when its
 * class is initialised.
 */
public final class ManagementApis {

    private static volatile Function<AmqpBroker, ManagementApi> access;

    private ManagementApis() {
    }

    /** Called by {@link AmqpBroker}'s class initialiser; a second call fails. */
    public static synchronized void grant(Function<AmqpBroker, ManagementApi> apiOf) {
        if (access != null) {
            throw new IllegalStateException("The management API's access was granted already");
        }
        access = apiOf;
    }

    /** The API over {@code broker}'s engine. */
    public static ManagementApi of(AmqpBroker broker) {
        return access.apply(broker); // set: an AmqpBroker exists, so its class is initialised
    }
}

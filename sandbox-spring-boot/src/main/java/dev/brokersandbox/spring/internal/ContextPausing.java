package dev.brokersandbox.spring.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Keeps the listeners of cached contexts that no running class uses from consuming: two contexts
 * of one application (say, with different {@code @BrokerSandbox} declarations) have the same
 * consumer groups on the same broker, and a cached one's {@code @KafkaListener} would otherwise
 * take the records of the running class's context, its {@code @RabbitListener} compete on shared
 * queue names. Spring Framework 7 (Boot 4) stops such contexts itself when a class switches
 * contexts ({@code ContextCache.PauseMode}); on Spring 6 (Boot 3.5) this does the same: a context
 * is stopped ({@code Lifecycle.stop()}: its listener containers) while no class uses it, and
 * started again for the next class that does. A context a running class uses is never stopped, so
 * this holds under parallel class execution too.
 */
final class ContextPausing {

    private static final Logger LOG = LoggerFactory.getLogger(ContextPausing.class);
    private static final boolean SPRING_PAUSES = ClassUtils.isPresent(
            "org.springframework.test.context.cache.ContextCache$PauseMode", ContextPausing.class.getClassLoader());

    /** Guarded by the class: how many running classes use each context, and which ones this stopped. */
    private static final Map<ConfigurableApplicationContext, Integer> USERS = new HashMap<>();
    private static final Set<ConfigurableApplicationContext> STOPPED = new HashSet<>();

    private ContextPausing() {
    }

    /** A class starts using {@code context}; closing the result says it has finished. */
    static synchronized AutoCloseable use(ConfigurableApplicationContext context, List<ConfigurableApplicationContext> others) {
        USERS.merge(context, 1, Integer::sum);
        stopUnused(others);
        if (STOPPED.remove(context) && context.isActive()) {
            context.start();
        }
        return () -> finished(context);
    }

    /**
     * Stops the contexts among {@code contexts} that no running class uses. Also called when
     * another application starts, before it is built (Spring 7 pauses there too): Boot resets
     * Logback then if a context closed since the last start, and a cached context's consumers,
     * logging at DEBUG meanwhile, would make Logback warn that it has no appenders.
     */
    static synchronized void stopUnused(List<ConfigurableApplicationContext> contexts) {
        if (SPRING_PAUSES) {
            return;
        }
        for (ConfigurableApplicationContext other : contexts) {
            if (!USERS.containsKey(other) && other.isActive() && other.isRunning()) {
                LOG.debug("Stopping the listeners of application context {}: no running test class uses it", other.getId());
                other.stop();
                STOPPED.add(other);
            }
        }
    }

    private static synchronized void finished(ConfigurableApplicationContext context) {
        USERS.computeIfPresent(context, (c, count) -> count > 1 ? count - 1 : null);
    }

    /** A closed context is neither used nor stopped any more. */
    static synchronized void forget(ConfigurableApplicationContext context) {
        USERS.remove(context);
        STOPPED.remove(context);
    }
}

package dev.brokersandbox.runtime.rabbit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.qpid.server.model.Broker;

/**
 * RabbitMQ's permissions ({@code rabbitmqctl set_permissions}): per user and virtual host, three
 * regular expressions over resource names, for configure (declare, delete), write (publish to an
 * exchange, bind a queue) and read (consume, get, purge; the exchange side of a binding). A user
 * with no entry for a virtual host may not open it. The sandbox's own user (guest unless the
 * builder says otherwise) may do everything everywhere, as before; only users added by a test are
 * checked.
 */
public final class Permissions {

    /** What an operation needs of a resource. */
    enum Access { CONFIGURE, WRITE, READ }

    /** One user's permissions in one virtual host. */
    private record Entry(Pattern configure, Pattern write, Pattern read) {
        Pattern of(Access access) {
            return switch (access) {
                case CONFIGURE -> configure;
                case WRITE -> write;
                case READ -> read;
            };
        }
    }

    /** Users added by tests, by broker: each user's permissions by virtual host. */
    private static final Map<Broker<?>, Map<String, Map<String, Entry>>> CHECKED = new ConcurrentHashMap<>();
    /** Their passwords, to tell a user declared again from another of the same name. */
    private static final Map<Broker<?>, Map<String, String>> PASSWORDS = new ConcurrentHashMap<>();

    private Permissions() {
    }

    /** Makes {@code user} a checked user of {@code broker}, with no permissions yet. */
    public static void addUser(Broker<?> broker, String user, String password) {
        CHECKED.computeIfAbsent(broker, b -> new ConcurrentHashMap<>()).putIfAbsent(user, new ConcurrentHashMap<>());
        PASSWORDS.computeIfAbsent(broker, b -> new ConcurrentHashMap<>()).put(user, password);
    }

    public static void deleteUser(Broker<?> broker, String user) {
        CHECKED.getOrDefault(broker, Map.of()).remove(user);
        PASSWORDS.getOrDefault(broker, Map.of()).remove(user);
    }

    /** Whether {@code user} was added with {@code password} (so that declaring it again changes nothing). */
    public static boolean hasPassword(Broker<?> broker, String user, String password) {
        return password.equals(PASSWORDS.getOrDefault(broker, Map.of()).get(user));
    }

    /** Whether {@code user} was added by a test (and so is checked). */
    public static boolean isChecked(Broker<?> broker, String user) {
        return CHECKED.getOrDefault(broker, Map.of()).containsKey(user);
    }

    /** Sets what {@code user} may do in {@code vhost}; IllegalArgumentException names a pattern that is not one. */
    public static void set(Broker<?> broker, String user, String vhost, String configure, String write, String read) {
        Map<String, Entry> byHost = CHECKED.getOrDefault(broker, Map.of()).get(user);
        if (byHost == null) {
            throw new IllegalArgumentException("User '" + user + "' was not added (AmqpBroker.addUser): the sandbox's "
                    + "own user may do everything and needs no permissions");
        }
        byHost.put(vhost, new Entry(pattern("configure", configure), pattern("write", write), pattern("read", read)));
    }

    /** Whether {@code user} was given permissions in {@code vhost}. */
    public static boolean has(Broker<?> broker, String user, String vhost) {
        return CHECKED.getOrDefault(broker, Map.of()).getOrDefault(user, Map.of()).containsKey(vhost);
    }

    /** Takes away what {@code user} may do in {@code vhost}; false if there was nothing. */
    public static boolean clear(Broker<?> broker, String user, String vhost) {
        Map<String, Entry> byHost = CHECKED.getOrDefault(broker, Map.of()).get(user);
        return byHost != null && byHost.remove(vhost) != null;
    }

    /** RabbitMQ's refusal (530) of {@code user} opening {@code vhost}, or null if it may. */
    static String vhostRefusal(Broker<?> broker, String user, String vhost) {
        Map<String, Entry> byHost = CHECKED.getOrDefault(broker, Map.of()).get(user);
        return byHost == null || byHost.containsKey(vhost) ? null
                : "NOT_ALLOWED - access to vhost '" + vhost + "' refused for user '" + user + "'";
    }

    /**
     * RabbitMQ's refusal (403) of {@code access} to the {@code kind} ("queue" or "exchange")
     * {@code name} for {@code user} in {@code vhost}, or null if the user may. The default exchange
     * is {@code amq.default} here, as in RabbitMQ.
     */
    static String refusal(Broker<?> broker, String user, String vhost, String kind, String name, Access access) {
        Map<String, Entry> byHost = CHECKED.getOrDefault(broker, Map.of()).get(user);
        if (byHost == null) {
            return null;
        }
        String resource = kind.equals("exchange") && name.isEmpty() ? "amq.default" : name;
        Entry entry = byHost.get(vhost);
        if (entry != null && entry.of(access).matcher(resource).find()) {
            return null;
        }
        return "ACCESS_REFUSED - access to " + kind + " '" + resource + "' in vhost '" + vhost + "' refused for user '"
                + user + "'";
    }

    /** The broker closed: its users are not kept here. */
    static void forget(Broker<?> broker) {
        CHECKED.remove(broker);
        PASSWORDS.remove(broker);
    }

    private static Pattern pattern(String which, String regex) {
        try {
            // Found anywhere in the name, as RabbitMQ matches them: "" permits nothing, "^(a|b)$" exactly a and b.
            return Pattern.compile(regex.isEmpty() ? "(?!)" : regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("The " + which + " permission '" + regex + "' is not a regular "
                    + "expression: " + e.getDescription());
        }
    }
}

package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.qpid.server.protocol.v0_8.FieldTable;

/**
 * RabbitMQ's {@code x-match=all-with-x} and {@code any-with-x}: a headers binding whose arguments
 * starting with {@code x-} take part in the match. Qpid's headers exchange ignores every such
 * argument, so these bindings go to Qpid as a JMS selector over the message's headers (Qpid's
 * binding filter, whose quoted identifiers allow any header name) under {@code x-match=all}.
 */
final class HeadersWithX {

    /** Qpid's binding argument for a selector that messages must also pass. */
    private static final String SELECTOR = "x-filter-jms-selector";

    private HeadersWithX() {
    }

    /** The arguments Qpid gets for a headers binding with {@code arguments}: unchanged unless they ask for *-with-x. */
    static FieldTable forQpid(FieldTable arguments) {
        Map<String, Object> given = arguments == null ? Map.of() : FieldTable.convertToMap(arguments);
        Object match = given.get("x-match");
        if (!"all-with-x".equals(match) && !"any-with-x".equals(match)) {
            return arguments;
        }
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            if (!entry.getKey().equals("x-match")) {
                String condition = condition(entry.getKey(), entry.getValue());
                if (condition == null) {
                    return arguments; // a value a selector cannot compare (a table, an array): as before
                }
                conditions.add(condition);
            }
        }
        return FieldTable.convertToFieldTable(conditions.isEmpty() ? Map.of("x-match", "all")
                : Map.of("x-match", "all", SELECTOR, String.join(match.equals("all-with-x") ? " AND " : " OR ", conditions)));
    }

    /** The selector condition for header {@code name} matching {@code value}; null if it has none. */
    private static String condition(String name, Object value) {
        String header = "\"" + name.replace("\"", "\"\"") + "\"";
        if (value == null || "".equals(value)) {
            return header + " IS NOT NULL"; // present, whatever its value, as RabbitMQ matches a void argument
        }
        if (value instanceof CharSequence text) {
            return header + " = '" + text.toString().replace("'", "''") + "'";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return header + " = " + String.valueOf(value).toUpperCase();
        }
        return null;
    }
}

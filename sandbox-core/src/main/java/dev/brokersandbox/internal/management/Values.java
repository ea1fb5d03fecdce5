package dev.brokersandbox.internal.management;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AMQP field values as JSON values: what the broker and the client hand over as long strings, bytes or dates. */
final class Values {

    private Values() {
    }

    static Map<String, Object> toJson(Map<String, ?> table) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (table != null) {
            table.forEach((k, v) -> json.put(k, toJson(v)));
        }
        return json;
    }

    static Object toJson(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((k, v) -> json.put(String.valueOf(k), toJson(v)));
            return json;
        }
        if (value instanceof List<?> list) {
            List<Object> json = new ArrayList<>();
            list.forEach(v -> json.add(toJson(v)));
            return json;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Date date) {
            return date.getTime() / 1000; // AMQP timestamps are seconds
        }
        return value.toString(); // the client's LongString, among others
    }
}

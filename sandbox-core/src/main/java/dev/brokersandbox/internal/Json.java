package dev.brokersandbox.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the few plain values the launcher reads and prints as JSON (a policy's definition):
 * objects, arrays, strings, numbers (whole ones as Integer or Long), booleans and null. The sandbox
 * brings no JSON library onto the user's classpath, where it could clash with the user's own.
 */
public final class Json {

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** The JSON object {@code text}, as a map in the order of its keys; IllegalArgumentException says where it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        Json reader = new Json(text);
        reader.skipSpace();
        if (reader.peek() != '{') {
            throw reader.error("an object ({...})");
        }
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at < text.length()) {
            throw reader.error("the end of the text");
        }
        return (Map<String, Object>) value;
    }

    private Object value() {
        skipSpace();
        char c = peek();
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (peek() == '}') {
                at++;
                return object;
            }
            do {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                object.put(key, value());
                skipSpace();
            } while (next(','));
            expect('}');
            return object;
        }
        if (c == '[') {
            List<Object> array = new ArrayList<>();
            at++;
            skipSpace();
            if (peek() == ']') {
                at++;
                return array;
            }
            do {
                array.add(value());
                skipSpace();
            } while (next(','));
            expect(']');
            return array;
        }
        if (c == '"') {
            return string();
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (text.startsWith(word, at)) {
                at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        return number();
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (peek() != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                char escaped = peek();
                at++;
                switch (escaped) {
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        s.append((char) Integer.parseInt(text.substring(at, Math.min(at + 4, text.length())), 16));
                        at += 4;
                    }
                    default -> s.append(escaped);
                }
            } else {
                s.append(c);
            }
        }
        at++;
        return s.toString();
    }

    private Number number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String number = text.substring(start, at);
        if (number.isEmpty()) {
            throw error("a value");
        }
        try {
            if (number.matches("-?\\d+")) {
                long whole = Long.parseLong(number);
                return whole == (int) whole ? (Number) (int) whole : (Number) whole;
            }
            return Double.valueOf(number);
        } catch (NumberFormatException e) {
            throw error("a number");
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("more");
        }
        return text.charAt(at);
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw error("'" + c + "'");
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("expected " + expected + " at character " + (at + 1));
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> entry = it.next();
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
                out.append(it.hasNext() ? "," : "");
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                write(it.next(), out);
                out.append(it.hasNext() ? "," : "");
            }
            out.append(']');
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}

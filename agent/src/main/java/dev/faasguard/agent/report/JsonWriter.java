package dev.faasguard.agent.report;

import dev.faasguard.agent.support.Utf16;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small JSON writer: enough for the report, and no library to load at start-up.
 *
 * <p>The report is rewritten after every invocation, and most of it is the same as last time: the entries of the
 * invocations that are over. A writer kept from one report to the next remembers the text of each unmodifiable map
 * or list it wrote (by identity) and copies it the next time it meets the same instance, so each rewrite serializes
 * only what is new. Whoever hands a value over unmodifiable promises that it, and what it holds, never changes.
 */
public final class JsonWriter {

    /** The classes of the JDK's unmodifiable maps and lists the report uses (List.of's by size share some). */
    private static final Set<Class<?>> UNMODIFIABLE = new HashSet<>(List.of(
            Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(),
            Collections.unmodifiableList(new ArrayList<>()).getClass(),
            List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass()));

    private final StringBuilder out = new StringBuilder(4096);
    private Map<Object, String> written = new IdentityHashMap<>();
    private Map<Object, String> writing = new IdentityHashMap<>();

    public String toJson(Object value) {
        out.setLength(0);
        write(value);
        // Only what this report held is remembered: what history dropped is forgotten with it.
        Map<Object, String> done = written;
        written = writing;
        writing = done;
        writing.clear();
        return out.toString();
    }

    private void write(Object value) {
        if (value != null && UNMODIFIABLE.contains(value.getClass())) {
            String text = written.get(value);
            if (text == null) {
                int start = out.length();
                writeValue(value);
                text = out.substring(start);
            } else {
                out.append(text);
            }
            writing.put(value, text);
            return;
        }
        writeValue(value);
    }

    private void writeValue(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? String.valueOf(d) : "null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()));
                out.append(':');
                write(entry.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i));
            }
            out.append(']');
        } else {
            string(value.toString());
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Utf16.isLoneSurrogate(text, i)) {
                        // No UTF-8 can hold it and strict parsers refuse its escape: what it was is lost anyway.
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

}

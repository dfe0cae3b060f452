package dev.faasguard.agent.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its name, default, parser and a description of the values it allows.
 * A parser signals a bad value by throwing {@link IllegalArgumentException}.
 */
public final class Option<T> {

    static final String PROPERTY_PREFIX = "faasguard.";
    static final String ENV_PREFIX = "FAASGUARD_";

    private final String key;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final String allowed;

    Option(String key, T defaultValue, Function<String, T> parser, String allowed) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.allowed = allowed;
    }

    /** The key as agent arguments write it, e.g. {@code writableRoots}. */
    public String key() {
        return key;
    }

    public String propertyName() {
        return PROPERTY_PREFIX + key;
    }

    /** {@code writableRoots} becomes {@code FAASGUARD_WRITABLE_ROOTS}; {@code tmp.capacity} becomes {@code FAASGUARD_TMP_CAPACITY}. */
    public String environmentName() {
        return ENV_PREFIX + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public T defaultValue() {
        return defaultValue;
    }

    String allowed() {
        return allowed;
    }

    T parse(String raw) {
        return parser.apply(raw);
    }
}

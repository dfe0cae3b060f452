package dev.faasguard.agent.config;


/**
 * One configuration key: its name, default, parser and a description of the values it allows.
 * {@link #parse} signals a bad value by throwing {@link IllegalArgumentException}. Each option is an
 * anonymous subclass rather than a parser lambda: options are read in premain, where linking a first
 * lambda costs more start-up time than the whole configuration.
 */
public abstract class Option<T> {

    static final String PROPERTY_PREFIX = "faasguard.";
    static final String ENV_PREFIX = "FAASGUARD_";

    private final String key;
    private final T defaultValue;
    private final String allowed;

    Option(String key, T defaultValue, String allowed) {
        this.key = key;
        this.defaultValue = defaultValue;
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
        StringBuilder name = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) {
                name.append('_');
            }
            name.append(c == '.' ? '_' : Character.toUpperCase(c));
        }
        return name.toString();
    }

    public T defaultValue() {
        return defaultValue;
    }

    String allowed() {
        return allowed;
    }

    abstract T parse(String raw);
}

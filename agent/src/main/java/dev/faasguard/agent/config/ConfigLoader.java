package dev.faasguard.agent.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the options from, in order of precedence, {@code faasguard.*} system properties,
 * {@code FAASGUARD_*} environment variables, then the agent arguments
 * ({@code -javaagent:faasguard-agent.jar=mode=enforce,report=/tmp/r.json}).
 *
 * <p>A bad value is one warning, naming the key, the value and what is allowed, and the default is
 * used; an unknown key is one warning too. Loading never throws.
 */
public final class ConfigLoader {

    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final Map<String, String> agentArguments;
    private final Consumer<String> warnings;

    public ConfigLoader(String agentArguments, Properties systemProperties, Map<String, String> environment,
            Consumer<String> warnings) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.warnings = warnings;
        this.agentArguments = parseAgentArguments(agentArguments);
    }

    public AgentConfig load() {
        warnAboutUnknownKeys();
        return new AgentConfig(value(Options.MODE), value(Options.REPORT), value(Options.REPORT_HTML),
                value(Options.WRITABLE_ROOTS), value(Options.IGNORE), value(Options.DEADLINE_MARGIN),
                value(Options.TMP_CAPACITY), value(Options.HANDLER), value(Options.APP_PACKAGES), value(Options.FLUSH_TIMEOUT),
                value(Options.TRACE_CONTINUE), value(Options.FAIL_ON), value(Options.SWALLOWED));
    }

    private <T> T value(Option<T> option) {
        Setting setting = find(option);
        if (setting == null) {
            return option.defaultValue();
        }
        try {
            return option.parse(setting.value);
        } catch (IllegalArgumentException bad) {
            warnings.accept(String.format(
                    "invalid value '%s' for %s (%s): allowed is %s; using the default '%s'",
                    setting.value, setting.name, setting.source, option.allowed(), describe(option.defaultValue())));
            return option.defaultValue();
        }
    }

    private Setting find(Option<?> option) {
        String property = systemProperties.getProperty(option.propertyName());
        if (property != null) {
            return new Setting(option.propertyName(), property, "system property");
        }
        String variable = environment.get(option.environmentName());
        if (variable != null) {
            return new Setting(option.environmentName(), variable, "environment variable");
        }
        String argument = agentArguments.get(option.key());
        if (argument != null) {
            return new Setting(option.key(), argument, "agent argument");
        }
        return null;
    }

    private void warnAboutUnknownKeys() {
        Set<String> keys = new HashSet<>();
        Set<String> properties = new HashSet<>();
        Set<String> variables = new HashSet<>();
        StringBuilder known = new StringBuilder();
        for (Option<?> option : Options.ALL) {
            keys.add(option.key());
            properties.add(option.propertyName());
            variables.add(option.environmentName());
            known.append(known.length() == 0 ? "" : ", ").append(option.key());
        }
        List<String> unknown = new ArrayList<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(Option.PROPERTY_PREFIX) && !properties.contains(name)) {
                unknown.add("system property " + name);
            }
        }
        for (String name : environment.keySet()) {
            if (name.startsWith(Option.ENV_PREFIX) && !variables.contains(name)) {
                unknown.add("environment variable " + name);
            }
        }
        for (String name : agentArguments.keySet()) {
            if (!keys.contains(name)) {
                unknown.add("agent argument " + name);
            }
        }
        for (String name : unknown) {
            warnings.accept("unknown option " + name + " is ignored; the options are " + known);
        }
    }

    /**
     * {@code key=value} pairs separated by commas. A piece without {@code =} continues the previous
     * value, so a list needs no escaping: {@code writableRoots=/tmp,/mnt/efs,mode=enforce}.
     * The {@code faasguard.} prefix is accepted and dropped.
     */
    private Map<String, String> parseAgentArguments(String arguments) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (arguments == null || arguments.isBlank()) {
            return parsed;
        }
        String lastKey = null;
        for (String piece : arguments.split(",")) {
            int equals = piece.indexOf('=');
            if (equals > 0) {
                lastKey = piece.substring(0, equals).trim();
                if (lastKey.startsWith(Option.PROPERTY_PREFIX)) {
                    lastKey = lastKey.substring(Option.PROPERTY_PREFIX.length());
                }
                parsed.put(lastKey, piece.substring(equals + 1));
            } else if (lastKey != null) {
                parsed.put(lastKey, parsed.get(lastKey) + "," + piece);
            } else if (!piece.isBlank()) {
                warnings.accept("agent argument '" + piece + "' is not key=value and is ignored");
            }
        }
        return parsed;
    }

    private static String describe(Object value) {
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "(none)";
            }
            StringBuilder joined = new StringBuilder();
            for (Object item : list) {
                joined.append(joined.length() == 0 ? "" : ",").append(item);
            }
            return joined.toString();
        }
        if (value instanceof TraceContinuation continuation) {
            return continuation.id();
        }
        if (value instanceof Boolean on) {
            return on ? "on" : Options.OFF;
        }
        return value instanceof Mode mode ? mode.id() : String.valueOf(value);
    }

    private record Setting(String name, String value, String source) {}
}

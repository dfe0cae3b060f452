package dev.faasguard.agent.telemetry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads OpenTelemetry's own settings, the way the SDK's autoconfigure does (a system property wins over
 * its environment variable), for the two questions the agent must answer before loading the SDK: is
 * any export configured at all, and which exporter does each signal get by default.
 *
 * <p>Unlike a plain OpenTelemetry SDK, nothing is exported unless the user asks: an OTLP endpoint, or
 * an exporter named for traces or metrics. A signal with no exporter named gets {@code otlp} when an
 * endpoint is set and {@code none} otherwise, so that no connection is ever attempted by default. OTLP
 * goes over {@code http/protobuf} unless {@code OTEL_EXPORTER_OTLP_PROTOCOL} says {@code grpc}.
 */
public final class ExportSettings {

    private final Map<String, String> environment;
    private final Properties systemProperties;

    public ExportSettings(Map<String, String> environment, Properties systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** @return true when spans or metrics are to be exported somewhere */
    public boolean exportConfigured() {
        if ("true".equalsIgnoreCase(get("otel.sdk.disabled"))) {
            return false;
        }
        return !exporterFor("traces").equals("none") || !exporterFor("metrics").equals("none");
    }

    /** @return true when spans or metrics go out over OTLP (protobuf, over HTTP or gRPC) */
    public boolean otlpConfigured() {
        for (String signal : new String[] {"traces", "metrics"}) {
            for (String exporter : exporterFor(signal).split(",")) {
                if (exporter.trim().equals("otlp")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Defaults handed to the SDK's autoconfigure; what the user set still wins over each. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("otel.traces.exporter", exporterFor("traces"));
        defaults.put("otel.metrics.exporter", exporterFor("metrics"));
        // The specification's default; the Java SDK alone still defaults to gRPC.
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        // A failed export is dropped and counted, not retried: retries back off for seconds, holding up the
        // exports of the next invocations, and on Lambda they would sleep through the freeze anyway.
        defaults.put("otel.java.exporter.otlp.retry.disabled", "true");
        return defaults;
    }

    /** The exporter the user named for a signal, or the agent's default for it. */
    String exporterFor(String signal) {
        String named = get("otel." + signal + ".exporter");
        if (named != null && !named.isBlank()) {
            return named.trim();
        }
        boolean endpoint = get("otel.exporter.otlp.endpoint") != null
                || get("otel.exporter.otlp." + signal + ".endpoint") != null;
        return endpoint ? "otlp" : "none";
    }

    /** A setting by its property name, e.g. {@code otel.traces.exporter} or {@code OTEL_TRACES_EXPORTER}. */
    public String get(String property) {
        String value = systemProperties.getProperty(property);
        if (value == null) {
            value = environment.get(environmentName(property));
        }
        return value == null || value.isBlank() ? null : value;
    }

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}

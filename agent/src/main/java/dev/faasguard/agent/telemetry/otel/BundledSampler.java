package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.support.AgentLog;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.List;
import java.util.Map;

/**
 * Keeps an {@code OTEL_TRACES_SAMPLER} the agent cannot honour from turning its export off. The samplers
 * that need an SDK extension (X-Ray's remote sampling, Jaeger's) are set for the application's own
 * OpenTelemetry and are not bundled with the agent: the agent says so once and samples with the SDK's
 * default instead.
 */
final class BundledSampler {

    static final String PROPERTY = "otel.traces.sampler";
    static final String DEFAULT = "parentbased_always_on";
    /** The samplers the SDK's autoconfigure builds without an extension. */
    static final List<String> NAMES = List.of("always_on", "always_off", "traceidratio",
            "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");

    private BundledSampler() {}

    /** @return the property to override, or nothing when the configured sampler is one the agent has */
    static Map<String, String> override(ConfigProperties config, AgentLog log) {
        String named = config.getString(PROPERTY);
        if (named == null || NAMES.contains(named.trim())) {
            return Map.of();
        }
        log.warn("OTEL_TRACES_SAMPLER (" + PROPERTY + ") is \"" + named + "\", a sampler the agent does not bundle"
                + " (it has " + String.join(", ", NAMES) + "); the agent's spans are sampled with " + DEFAULT);
        return Map.of(PROPERTY, DEFAULT);
    }
}

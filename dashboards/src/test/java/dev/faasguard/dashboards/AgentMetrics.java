package dev.faasguard.dashboards;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The series the agent exports through the OpenTelemetry Prometheus exporter, as Prometheus names them, each with
 * the labels it carries besides {@link #COMMON}: the metrics contract the dashboards are written against.
 */
final class AgentMetrics {

    /** On every series: the scrape target's job and instance, and the exporter's instrumentation scope. */
    static final Set<String> COMMON = Set.of("job", "instance", "otel_scope_name", "otel_scope_version");

    static final Map<String, Set<String>> SERIES = series();

    private AgentMetrics() {}

    private static Map<String, Set<String>> series() {
        Map<String, Set<String>> s = new LinkedHashMap<>();
        // faasguard.findings, a counter of {finding}: one increment per occurrence.
        s.put("faasguard_findings_total", Set.of("rule", "severity", "code_function_name", "code_line_number"));
        // faasguard.invocations, a counter.
        s.put("faasguard_invocations_total", Set.of("coldstart", "outcome"));
        // faasguard.restores, a counter: 1 in each copy restored from a SnapStart snapshot.
        s.put("faasguard_restores_total", Set.of());
        // faasguard.invocation.duration, a histogram in seconds.
        histogram(s, "faasguard_invocation_duration_seconds", Set.of("coldstart", "outcome"));
        // faasguard.tmp.usage and faasguard.tmp.capacity, gauges in bytes.
        s.put("faasguard_tmp_usage_bytes", Set.of());
        s.put("faasguard_tmp_capacity_bytes", Set.of());
        // faasguard.tmp.growth, a histogram in bytes: one sample per invocation.
        histogram(s, "faasguard_tmp_growth_bytes", Set.of());
        // faasguard.blocked.duration, a histogram in seconds, per operation.
        histogram(s, "faasguard_blocked_duration_seconds", Set.of("operation"));
        return s;
    }

    private static void histogram(Map<String, Set<String>> s, String name, Set<String> labels) {
        java.util.Set<String> withLe = new java.util.HashSet<>(labels);
        withLe.add("le");
        s.put(name + "_bucket", Set.copyOf(withLe));
        s.put(name + "_sum", labels);
        s.put(name + "_count", labels);
    }

    /** The family a series belongs to: {@code faasguard_tmp_growth_bytes_sum} is {@code faasguard_tmp_growth_bytes}. */
    static String family(String series) {
        return series.replaceFirst("_(bucket|sum|count)$", "");
    }
}

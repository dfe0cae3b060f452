package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.DemoRun;
import com.example.PrometheusServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.dashboards.Dashboard;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards against the real stack: the demo functions in lambda-sim (the real AWS runtime interface
 * client) with the agent exporting its metrics for Prometheus ({@code OTEL_METRICS_EXPORTER=prometheus}), a real
 * Prometheus server scraping each function as a job named after it, and every PromQL expression of every panel,
 * its variables substituted as Grafana would, sent to Prometheus's query API. A query that returns nothing fails
 * the test with the panel's title.
 */
class DashboardsDemoIT {

    private static final String SPLIT = "document-split";
    private static final String REPORT = "stuck-report";
    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    /** The watchdog records the timeout 2 s before the kill: Prometheus (1 s scrapes) sees it before the JVM is gone. */
    private static final String DEADLINE_MARGIN = "2000ms";
    /** About what Grafana's $__rate_interval is on a dashboard of the last day (1 to 2 minutes). */
    private static final String RATE_INTERVAL = "2m";
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)");

    private static List<Dashboard> dashboards;

    @BeforeAll
    static void load() throws IOException {
        String dir = System.getProperty("faasguard.dashboards.dir");
        if (dir == null) {
            throw new IllegalStateException("faasguard.dashboards.dir is not set: run this test with Maven (failsafe)");
        }
        dashboards = Dashboard.loadAll(Path.of(dir));
        assertEquals(2, dashboards.size(), "the fleet overview and the function drill-down");
    }

    /** Every panel's PromQL and every variable query parses in the real Prometheus (no data needed). */
    @Test
    void everyQueryIsPromQlThatPrometheusAccepts() throws Exception {
        PrometheusServer.assumeInstalled();
        Map<String, String> values = Map.of("function", "some-function", "instance", ".+", "__rate_interval", "1m",
                "__range", "3600s", "__interval", "15s");
        int checked = 0;
        try (PrometheusServer prometheus = PrometheusServer.start(Map.of())) {
            for (Dashboard d : dashboards) {
                for (Dashboard.Query q : d.prometheusQueries()) {
                    String promql = Dashboard.interpolate(q.expr(), values);
                    try {
                        prometheus.query(promql);
                    } catch (IOException e) {
                        fail("\"" + q.panel().title() + "\" (" + d.uid() + ", panel " + q.panel().id() + ", query "
                                + q.refId() + "): Prometheus rejects it: " + e.getMessage());
                    }
                    checked++;
                }
                for (Dashboard.Variable v : d.variables()) {
                    if (v.type().equals("query")) {
                        variableValues(prometheus, Dashboard.interpolate(v.query(), values));
                        checked++;
                    }
                }
            }
        }
        System.out.println(checked + " dashboard queries accepted by " + PrometheusServer.BINARY);
    }

    @Test
    void everyPanelShowsDataFromTheDemoUnderTheAgent() throws Exception {
        PrometheusServer.assumeInstalled();
        Path jdk = Path.of(System.getProperty("java.home"));
        int splitPort = PrometheusServer.freePort();
        int reportPort = PrometheusServer.freePort();
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put(SPLIT, "127.0.0.1:" + splitPort);
        jobs.put(REPORT, "127.0.0.1:" + reportPort);
        Instant begin = Instant.now();
        try (PrometheusServer prometheus = PrometheusServer.start(jobs);
                LambdaSim report = LambdaRun.start(jdk, StuckReportHandler.class, TIMEOUT, exporter(REPORT, reportPort));
                // document-split is deployed with SnapStart: its environment's restore is counted.
                LambdaSim split = LambdaRun.start(jdk, DocumentSplitHandler.class, TIMEOUT,
                        builder -> exporter(SPLIT, splitPort).apply(builder).snapStart())) {
            System.out.println("Prometheus at " + prometheus.url() + ", " + jobs);

            // stuck-report: a cold start; two weekly reports (a ten-minute join: timeout-exceeds-deadline; a CSV a
            // subprocess leaves in /tmp: tmp-growth); a monthly one that hangs in Thread.join() until it is killed
            // (join-without-timeout, deadline-exceeded, outcome timeout); then a new environment, cold again.
            List<InvocationResult> reports = new ArrayList<>();
            for (String period : List.of("daily", "weekly", "weekly", "monthly", "daily", "daily")) {
                reports.add(invoke(report, prometheus, REPORT, "{\"period\":\"" + period + "\"}"));
            }
            String reportRun = describe(reports);
            System.out.println(REPORT + ":\n" + reportRun);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.TIMEOUT, Outcome.SUCCESS,
                    Outcome.SUCCESS), reports.stream().map(InvocationResult::outcome).toList(), reportRun);

            // document-split: warm invocations leaving 4 MiB of pages in /tmp each, a thread that dies, an upload
            // still running at the response, and an event that is not a document (the handler throws).
            List<InvocationResult> splits = new ArrayList<>();
            String big = "{\"document\":\"contract.pdf\",\"pages\":4,\"pageKiB\":1024}";
            for (String event : List.of(big, big, big, big, "{\"document\":\"empty.pdf\",\"pages\":0}", big, big, big)) {
                splits.add(invoke(split, prometheus, SPLIT, event));
            }
            String splitRun = describe(splits);
            System.out.println(SPLIT + ":\n" + splitRun);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.ERROR,
                    Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS),
                    splits.stream().map(InvocationResult::outcome).toList(), splitRun);

            // Both environments are alive and warm: wait until Prometheus has scraped what they hold now.
            prometheus.awaitScrapes(Instant.now(), Duration.ofSeconds(30));
            Instant now = Instant.now();
            long rangeSeconds = Duration.between(begin, now).toSeconds() + 60;

            // The variables, as Grafana fills them in.
            List<String> functions = variableValues(prometheus, "label_values(faasguard_invocations_total, job)");
            assertEquals(List.of(SPLIT, REPORT), functions.stream().sorted().toList(), "the function variable");
            List<String> instances = variableValues(prometheus,
                    "label_values(faasguard_invocations_total{job=\"" + REPORT + "\"}, instance)");
            assertEquals(List.of(jobs.get(REPORT)), instances, "the instance variable of " + REPORT);

            // Every metric a dashboard reads is one the agent exported.
            Set<String> exported = new TreeSet<>(prometheus.labelValues("__name__", "{job=~\"" + SPLIT + "|" + REPORT + "\"}"));
            exported.removeIf(name -> !name.startsWith("faasguard_") && !name.equals("target_info"));
            System.out.println("exported: " + exported);
            for (String name : exported) {
                // One series of each, as the exporter labels it (last_over_time: some are from the killed environment).
                List<JsonNode> one = prometheus.query("topk(1, last_over_time(" + name + "[10m]))");
                System.out.println("  " + name + " " + (one.isEmpty() ? "(none)" : one.get(0).path("metric")));
            }
            assertAgentMetrics(prometheus);
            Set<String> read = new TreeSet<>();
            dashboards.forEach(d -> d.prometheusQueries().forEach(q -> read.addAll(Dashboard.metricsIn(q.expr()))));
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(exported);
            assertEquals(Set.of(), missing, "metrics the dashboards read that the agent did not export");

            Map<String, String> common = Map.of("__rate_interval", RATE_INTERVAL, "__range", rangeSeconds + "s",
                    "__interval", "15s", "instance", ".+");
            List<String> empty = new ArrayList<>();
            Map<String, List<JsonNode>> results = new LinkedHashMap<>();
            for (Dashboard d : dashboards) {
                boolean fleet = d.variable("instance") == null;
                Map<String, String> values = new LinkedHashMap<>(common);
                // The fleet shows both functions (a multi-value variable: a regex); the drill-down one, and the
                // function that runs into every kind of trouble here is stuck-report.
                values.put("function", fleet ? "(" + SPLIT + "|" + REPORT + ")" : REPORT);
                int nonPrometheus = 0;
                for (Dashboard.Panel panel : d.panels()) {
                    for (Dashboard.Query q : panel.queries()) {
                        if (!"prometheus".equals(q.datasourceType())) {
                            nonPrometheus++;
                            continue;
                        }
                        String promql = Dashboard.interpolate(q.expr(), values);
                        List<JsonNode> result = prometheus.query(promql, now);
                        results.put(d.uid() + "/" + panel.id() + "/" + q.refId(), result);
                        System.out.printf("%-18s %2d %-55s %s: %d series %s%n", d.uid(), panel.id(), "\"" + panel.title()
                                + "\"", q.refId(), result.size(), summary(result));
                        if (result.isEmpty()) {
                            empty.add("\"" + panel.title() + "\" (" + d.uid() + ", panel " + panel.id() + ", query "
                                    + q.refId() + "): " + promql);
                        }
                    }
                }
                System.out.println(d.uid() + ": " + nonPrometheus + " query not for Prometheus (Tempo), not sent");
            }
            if (!empty.isEmpty()) {
                fail(empty.size() + " dashboard queries returned no data:\n  " + String.join("\n  ", empty)
                        + "\n" + REPORT + ":\n" + reportRun + SPLIT + ":\n" + splitRun);
            }

            // What the fleet shows is what happened: stuck-report timed out once and document-split failed once,
            // each the first of its kind in its environment (counted although rate() alone would not see it).
            List<JsonNode> failed = results.get("faasguard-fleet/9/A");
            assertTrue(value(failed, Map.of("job", REPORT, "outcome", "timeout")) >= 1, "timeouts: " + failed);
            assertTrue(value(failed, Map.of("job", SPLIT, "outcome", "error")) >= 1, "errors: " + failed);
            // And the drill-down's table names the line the monthly report hung on, with the rule.
            int joinLine = DemoRun.markers(StuckReportHandler.class).get("join");
            List<JsonNode> table = results.get("faasguard-function/2/A");
            assertTrue(value(table, Map.of("rule", "join-without-timeout", "fix", "join-without-timeout",
                    "code_function_name", StuckReportHandler.class.getName() + ".handleRequest",
                    "code_line_number", String.valueOf(joinLine))) >= 1, "the findings table: " + table);
            assertTrue(value(table, Map.of("rule", "deadline-exceeded")) >= 1, "the findings table: " + table);
            assertTrue(value(results.get("faasguard-function/10/A"), Map.of("operation", "join")) > 0,
                    "blocked time of the join: " + results.get("faasguard-function/10/A"));
        }
    }

    /**
     * One invocation, then, while the environment lives on, a scrape: invocations spread out in time as real
     * traffic is, so that Prometheus sees /tmp grow from one scrape to the next ("the current growth").
     */
    private static InvocationResult invoke(LambdaSim sim, PrometheusServer prometheus, String job, String event)
            throws Exception {
        InvocationResult result = sim.invoke(event);
        if (result.outcome() == Outcome.SUCCESS || result.outcome() == Outcome.ERROR) {
            prometheus.awaitScrape(job, Instant.now(), Duration.ofSeconds(30));
        }
        return result;
    }

    /** The function, named as its scrape job, with the agent's metrics served for Prometheus on {@code port}. */
    private static UnaryOperator<LambdaSim.Builder> exporter(String function, int port) {
        return builder -> builder.functionName(function)
                .env("OTEL_METRICS_EXPORTER", "prometheus")
                .env("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1")
                .env("OTEL_EXPORTER_PROMETHEUS_PORT", String.valueOf(port))
                .env("FAASGUARD_DEADLINE_MARGIN", DEADLINE_MARGIN);
    }

    /** What Grafana lists for a {@code label_values([selector,] label)} variable query. */
    private static List<String> variableValues(PrometheusServer prometheus, String query) throws Exception {
        Matcher m = LABEL_VALUES.matcher(query);
        assertTrue(m.matches(), "a label_values() query: " + query);
        return prometheus.labelValues(m.group(2), m.group(1) == null ? "{__name__=~\".+\"}" : m.group(1).strip());
    }

    /** The sum of the values of the series whose labels include {@code labels}. */
    private static double value(List<JsonNode> result, Map<String, String> labels) {
        double sum = 0;
        for (JsonNode series : result) {
            boolean matches = labels.entrySet().stream()
                    .allMatch(l -> l.getValue().equals(series.path("metric").path(l.getKey()).asText(null)));
            if (matches) {
                sum += Double.parseDouble(series.path("value").path(1).asText("0"));
            }
        }
        return sum;
    }

    private static String summary(List<JsonNode> result) {
        StringBuilder text = new StringBuilder();
        for (JsonNode series : result.subList(0, Math.min(result.size(), 4))) {
            text.append(series.path("metric")).append('=').append(series.path("value").path(1).asText()).append(' ');
        }
        return result.size() > 4 ? text + "..." : text.toString();
    }

    /**
     * Every metric of the agent, as Prometheus scraped it: its type, its unit (the name's suffix, and the unit
     * the OpenMetrics exposition declares) and the labels its series carry.
     */
    private static void assertAgentMetrics(PrometheusServer prometheus) throws Exception {
        record Expected(String name, String type, String unit, List<String> labels) {}
        List<Expected> expected = List.of(
                new Expected("faasguard_findings", "counter", "", List.of("rule", "severity", "code_function_name")),
                new Expected("faasguard_invocations", "counter", "", List.of("coldstart", "outcome")),
                new Expected("faasguard_restores", "counter", "", List.of()),
                new Expected("faasguard_invocation_duration_seconds", "histogram", "seconds", List.of("coldstart", "outcome", "le")),
                new Expected("faasguard_tmp_usage_bytes", "gauge", "bytes", List.of()),
                new Expected("faasguard_tmp_capacity_bytes", "gauge", "bytes", List.of()),
                new Expected("faasguard_tmp_growth_bytes", "histogram", "bytes", List.of("le")),
                new Expected("faasguard_blocked_duration_seconds", "histogram", "seconds", List.of("operation", "le")));
        for (Expected metric : expected) {
            JsonNode metadata = prometheus.metadata(metric.name());
            // Prometheus keeps metadata only for what its targets expose now; blocked time was exposed only by
            // the environment the monthly report's timeout killed, so its series are all there is left of it.
            if (!metadata.isMissingNode() || !metric.name().equals("faasguard_blocked_duration_seconds")) {
                assertEquals(metric.type(), metadata.path("type").asText(), metric.name() + " " + metadata);
                assertEquals(metric.unit(), metadata.path("unit").asText(), metric.name() + " " + metadata);
            }
            String series = metric.type().equals("histogram") ? metric.name() + "_bucket"
                    : metric.type().equals("counter") ? metric.name() + "_total" : metric.name();
            List<JsonNode> found = prometheus.query("last_over_time(" + series + "[10m])");
            assertFalse(found.isEmpty(), series + " was scraped");
            for (String label : metric.labels()) {
                assertTrue(found.stream().allMatch(s -> s.path("metric").has(label)), series + " has the label " + label + ": " + found);
            }
        }
        // The line is there for every site in the JVM (a file a subprocess left has none).
        assertFalse(prometheus.query("last_over_time(faasguard_findings_total{rule=\"join-without-timeout\",code_line_number!=\"\"}[10m])")
                .isEmpty(), "findings carry code_line_number");
        List<JsonNode> operations = prometheus.query("last_over_time(faasguard_blocked_duration_seconds_count[10m])");
        assertEquals(Set.of("join"), operations.stream().map(s -> s.path("metric").path("operation").asText())
                .collect(java.util.stream.Collectors.toSet()), "blocked operations: " + operations);
    }
}
